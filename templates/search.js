// clerk's search, for a council's search page: the query is split and
// stemmed as the index was (src/render/search/words.rs), the files of the
// index it needs are loaded as scripts (which a page opened from file://
// may do, where fetch is refused), and the results are written as a list
// of links to clauses. Nothing is fetched from outside the site.
(function () {
  'use strict';

  // ---- Words: split, lower-cased, stemmed (the Snowball English stemmer,
  // "Porter 2", as the index's Rust crate applies it).

  const VOWELS = 'aeiouy';
  const isVowel = (c) => VOWELS.includes(c);
  const VALID_LI = 'cdeghkmnrt';

  const EXCEPTIONS = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
    idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli',
    singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
    cosmos: 'cosmos', bias: 'bias', andes: 'andes',
  };
  const UNCHANGED_AFTER_1A = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];

  const STEP_2 = [
    ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'],
    ['iveness', 'ive'], ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'],
    ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'],
    ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'],
    ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
  ];
  const STEP_3 = [
    ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
    ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', ''],
  ];
  const STEP_4 = [
    'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous',
    'ive', 'ize', 'ion', 'al', 'er', 'ic',
  ];

  // The longest of `list` (longest first) that `word` ends with.
  function longest(word, list) {
    for (const entry of list) {
      const suffix = Array.isArray(entry) ? entry[0] : entry;
      if (word.endsWith(suffix)) return entry;
    }
    return null;
  }

  // The position after the first non-vowel that follows a vowel, from `start`.
  function regionAfter(word, start) {
    for (let i = start; i + 1 < word.length; i++) {
      if (isVowel(word[i]) && !isVowel(word[i + 1])) return i + 2;
    }
    return word.length;
  }

  // Whether `word` ends in a short syllable.
  function endsShort(word) {
    const n = word.length;
    if (n === 2) return isVowel(word[0]) && !isVowel(word[1]);
    return n >= 3 && !isVowel(word[n - 3]) && isVowel(word[n - 2]) &&
      !isVowel(word[n - 1]) && !'wxY'.includes(word[n - 1]);
  }

  function stemWord(input) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, input)) return EXCEPTIONS[input];
    if (input.length < 3) return input;
    let w = input.startsWith("'") ? input.slice(1) : input;
    // A y that starts the word or follows a vowel is a consonant: Y.
    const letters = w.split('');
    if (letters[0] === 'y') letters[0] = 'Y';
    for (let i = 1; i < letters.length; i++) {
      if (letters[i] === 'y' && isVowel(letters[i - 1])) letters[i] = 'Y';
    }
    w = letters.join('');
    const prefix = /^(gener|commun|arsen)/.exec(w);
    const p1 = prefix ? prefix[1].length : regionAfter(w, 0);
    const p2 = regionAfter(w, p1);
    const inR1 = (suffix) => w.length - suffix.length >= p1;
    const inR2 = (suffix) => w.length - suffix.length >= p2;

    // Step 1a.
    if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
    else if (w.endsWith('us') || w.endsWith('ss')) { /* kept */ }
    else if (w.endsWith('s') && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);

    if (!UNCHANGED_AFTER_1A.includes(w)) {
      // Step 1b.
      const s1b = longest(w, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
      if (s1b === 'eed' || s1b === 'eedly') {
        if (inR1(s1b)) w = w.slice(0, -s1b.length) + 'ee';
      } else if (s1b) {
        const before = w.slice(0, -s1b.length);
        if (/[aeiouy]/.test(before)) {
          w = before;
          if (/(at|bl|iz)$/.test(w)) w += 'e';
          else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
          else if (p1 === w.length && endsShort(w)) w += 'e';
        }
      }
      // Step 1c.
      if (/[yY]$/.test(w) && w.length > 2 && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';
      // Step 2.
      const s2 = longest(w, STEP_2);
      if (s2 && inR1(s2[0])) {
        const stem = w.slice(0, -s2[0].length);
        if (s2[0] === 'ogi') { if (stem.endsWith('l')) w = stem + 'og'; }
        else if (s2[0] === 'li') { if (VALID_LI.includes(stem[stem.length - 1])) w = stem; }
        else w = stem + s2[1];
      }
      // Step 3.
      const s3 = longest(w, STEP_3);
      if (s3 && inR1(s3[0])) {
        if (s3[0] !== 'ative' || inR2(s3[0])) w = w.slice(0, -s3[0].length) + s3[1];
      }
      // Step 4.
      const s4 = longest(w, STEP_4);
      if (s4 && inR2(s4)) {
        const stem = w.slice(0, -s4.length);
        if (s4 !== 'ion' || /[st]$/.test(stem)) w = stem;
      }
      // Step 5.
      if (w.endsWith('e')) {
        if (inR2('e') || (inR1('e') && !endsShort(w.slice(0, -1)))) w = w.slice(0, -1);
      } else if (w.endsWith('l')) {
        if (inR2('l') && w.endsWith('ll')) w = w.slice(0, -1);
      }
    }
    return w.replace(/Y/g, 'y');
  }

  // The words of a text: runs of letters and digits, an apostrophe inside
  // a word dropped, lower-cased.
  function split(text) {
    return text
      .replace(/(?<=[\p{L}\p{N}])['\u2019](?=[\p{L}\p{N}])/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
  }

  // A word's stem as the index keeps it; a word with a digit is kept whole.
  function stem(word) {
    return /[0-9]/.test(word) ? word : stemWord(word);
  }

  // FNV-1a over the key's UTF-8 bytes: which term file holds it.
  function bucket(key, files) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(key)) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % Math.max(files, 1);
  }

  // Which term file holds `key`: a defined term's key with its first word.
  function termFile(key, files) {
    return bucket(key.startsWith('=') ? key.slice(1).split(' ')[0] : key, files);
  }

  // ---- The index's files, loaded as scripts.

  const waiting = new Map();
  const loaded = new Map();

  async function inflate(base64) {
    let bytes;
    if (typeof Uint8Array.fromBase64 === 'function') bytes = Uint8Array.fromBase64(base64);
    else {
      const binary = atob(base64);
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return JSON.parse(await new Response(stream).text());
  }

  function load(base, name) {
    if (!loaded.has(name)) {
      loaded.set(name, new Promise((resolve, reject) => {
        waiting.set(name, (data) => inflate(data).then(resolve, reject));
        const script = document.createElement('script');
        script.src = base + name + '.js';
        script.onerror = () => reject(new Error('The search index file ' + script.src + ' is missing.'));
        document.head.appendChild(script);
      }));
    }
    return loaded.get(name);
  }

  // ---- The query.

  // The clause or section number a query names: "4.12", "12.3.1",
  // "Rule 14", "clause 4.12.", "para 6".
  function numberIn(query) {
    const m = /^\s*(?:(?:rule|clause|paragraph|para|section|article|standing order|so|part)\s+)?(\d+(?:\.\d+)*[a-z]?)\.?\s*$/i.exec(query);
    return m ? m[1].toLowerCase() : null;
  }

  // The documents a search looks in, by its filters.
  function documentsIn(meta, filters) {
    let chosen;
    if (filters.versions === 'all') chosen = meta.documents.map((_, i) => i);
    else if (filters.versions === 'proposed') {
      chosen = meta.documents
        .map((d, i) => (d.standing === 'in_force' || d.standing === 'coming' || d.standing === 'proposed' || d.standing === 'draft') ? i : -1)
        .filter((i) => i >= 0);
    } else if (filters.versions && filters.versions.startsWith('as-at-')) {
      const edition = meta.editions.find((e) => 'as-at-' + e.date === filters.versions);
      chosen = edition ? edition.documents : meta.now;
    } else chosen = meta.now;
    return new Set(chosen.filter((i) => {
      const d = meta.documents[i];
      if (filters.part !== '' && String(d.part) !== filters.part) return false;
      if (filters.document !== '' && String(d.family) !== filters.document) return false;
      return true;
    }));
  }

  // The postings of `key`, as the file holds them: two numbers each, the
  // document (as the difference from the one before) and the unit
  // shifted left by 3, 4 when the key is in its heading, and how often
  // the key occurs (1 to 4) less one. Calls `each(document, unit, often,
  // inHeading)` for each posting.
  async function postings(base, meta, key) {
    const file = await load(base, 'terms-' + termFile(key, meta.terms));
    const flat = file[key] || [];
    return {
      count: flat.length / 2,
      each(visit) {
        let document = 0;
        for (let i = 0; i + 1 < flat.length; i += 2) {
          document += flat[i];
          const code = flat[i + 1];
          visit(document, code >> 3, (code & 3) + 1, (code & 4) !== 0);
        }
      },
    };
  }

  // Each document's title as stems, made once.
  function titleStems(meta, stop) {
    if (!meta.titleStems) {
      meta.titleStems = meta.documents.map((d) => new Set(split(d.title).filter((w) => !stop.has(w)).map(stem)));
    }
    return meta.titleStems;
  }

  // The units of one document, from the file that holds them, each
  // {kind, anchor, label, title, context, text}: a clause's anchor made
  // from its number where the file leaves it out, its context the heading
  // of the section before it.
  async function unitsOf(base, meta, document) {
    const file = await load(base, 'units-' + Math.floor(document / meta.units_per_file));
    let context = '';
    return file[document % meta.units_per_file].map(([kind, anchor, label, title, text]) => {
      if (kind === 'section') context = title;
      return {
        kind, label, title, text,
        anchor: anchor || (kind === 'clause' ? 'c-' + label.replaceAll('.', '-') : ''),
        context: kind === 'clause' ? context : '',
      };
    });
  }

  // Every result of `query`, best first: a clause or section the number
  // names, then documents the words name, then a term's definition, then
  // every unit holding all the words, the rarer words and headings
  // weighing most.
  async function run(base, query, filters) {
    const meta = await load(base, 'index');
    if (meta.format !== 1) throw new Error('This search index was made by another version of clerk.');
    const stop = new Set(meta.stop);
    const stems = [...new Set(split(query).filter((w) => !stop.has(w)).map(stem))];
    const allowed = documentsIn(meta, filters);
    // A unit by one number: its document and its place in the document.
    const id = (document, unit) => document * 65536 + unit + 1;
    const results = new Map();
    const add = (document, unit, score) => {
      if (!allowed.has(document)) return;
      const key = id(document, unit);
      const before = results.get(key);
      if (!before || before.score < score) results.set(key, { document, unit, score });
    };
    // Every file the query needs, loaded at once.
    const number = numberIn(query);
    const none = { count: 0, each() {} };
    const [numbered, defined, ...lists] = await Promise.all([
      number ? postings(base, meta, '#' + number) : none,
      stems.length > 0 ? postings(base, meta, '=' + stems.join(' ')) : none,
      ...stems.map((s) => postings(base, meta, s)),
    ]);
    numbered.each((document, unit) => add(document, unit, 4e6 - document));
    if (stems.length > 0) {
      const titles = titleStems(meta, stop);
      for (const document of allowed) {
        if (stems.every((s) => titles[document].has(s))) add(document, -1, 3e6 - document);
      }
      defined.each((document, unit) => add(document, unit, 2e6 - document));
      const scores = new Map();
      for (const list of lists) {
        const idf = Math.log(1 + meta.units / Math.max(list.count, 1));
        list.each((document, unit, often, inHeading) => {
          if (!allowed.has(document)) return;
          const key = id(document, unit);
          let found = scores.get(key);
          if (!found) scores.set(key, (found = { document, unit, score: 0, terms: 0 }));
          found.score += idf * (often / (often + 1.2) + (inHeading ? 2 : 0));
          found.terms += 1;
        });
      }
      for (const found of scores.values()) {
        if (found.terms === stems.length) add(found.document, found.unit, found.score);
      }
    }
    const ranked = [...results.values()].sort((a, b) => b.score - a.score || a.document - b.document || a.unit - b.unit);
    return { meta, stems, ranked };
  }

  // ---- The results, written into the page.

  const PAGE = 10;

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Up to 40 words of `text` around its first word a query stem matches,
  // those words marked.
  function snippet(text, stems) {
    const wanted = new Set(stems);
    const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu)];
    const hit = (m) => wanted.has(stem(split(m[0]).join('')));
    let first = words.findIndex(hit);
    if (first < 0) first = 0;
    const from = Math.max(0, first - 12);
    const to = Math.min(words.length, from + 40);
    const out = element('p', 'result-snippet');
    if (words.length === 0) return out;
    let at = from === 0 ? 0 : words[from].index;
    if (from > 0) out.append('… ');
    for (let i = from; i < to; i++) {
      const m = words[i];
      out.append(text.slice(at, m.index));
      out.append(hit(m) ? element('mark', null, m[0]) : m[0]);
      at = m.index + m[0].length;
    }
    const end = to < words.length ? words[to].index : text.length;
    out.append(text.slice(at, end).trimEnd());
    if (to < words.length) out.append(' …');
    return out;
  }

  function resultItem(meta, stems, result, units) {
    const d = meta.documents[result.document];
    const item = element('li', 'search-result');
    const link = element('a');
    const unit = result.unit >= 0 ? units[result.unit] : null;
    const href = d.id + '.html';
    if (!unit) {
      link.href = href;
      link.append(element('span', 'result-label', d.section ? 'Section ' + d.section : 'Document'), ' ', d.title);
    } else {
      const { kind, anchor, label, title, context } = unit;
      link.href = anchor ? href + '#' + anchor : href;
      if (kind === 'definition') link.append(element('span', 'result-label', 'Definition'), ' “' + title + '”');
      else if (kind === 'clause') link.append(element('span', 'result-label', label), ' ', context || d.title);
      else if (kind === 'section') link.append(label ? element('span', 'result-label', label) : '', label ? ' ' : '', title);
      else link.append(d.title);
    }
    item.append(link);
    const where = element('p', 'result-where');
    where.append((d.section ? 'Section ' + d.section + ': ' : '') + d.title);
    const part = d.part !== null && d.part !== undefined ? meta.parts[d.part] : null;
    if (part) where.append(' · ' + (part.number ? 'Part ' + part.number + ': ' : '') + part.title);
    if (d.mark) where.append(' · ', element('strong', 'result-standing', d.mark));
    item.append(where);
    if (unit && unit.text) item.append(snippet(unit.text, stems));
    return item;
  }

  // The page of results from `from`, with the units of their documents:
  // within the page, units holding the words as one phrase come first.
  async function resultsPage(base, found, query, from) {
    const { meta, stems, ranked } = found;
    const page = ranked.slice(from, from + PAGE);
    const files = await Promise.all(page.map((r) => unitsOf(base, meta, r.document)));
    const order = page.map((r, i) => ({ r, units: files[i], i }));
    if (stems.length > 1) {
      const phrase = split(query).join(' ');
      const holds = (o) => o.r.unit >= 0 && split(o.units[o.r.unit].text).join(' ').includes(phrase);
      order.sort((a, b) => (holds(b) - holds(a)) || a.i - b.i);
    }
    return order;
  }

  async function show(base, form, query, filters) {
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    const more = document.getElementById('search-more');
    status.textContent = 'Searching…';
    let found;
    try {
      found = await run(base, query, filters);
    } catch (error) {
      status.textContent = 'The search could not run: ' + error.message;
      return;
    }
    const { meta, stems, ranked } = found;
    const scope = form.querySelector('[name=versions]');
    const label = scope && scope.selectedOptions[0] ? scope.selectedOptions[0].textContent.trim() : 'The constitution in force';
    const scopeText = label.charAt(0).toLowerCase() + label.slice(1);
    const count = ranked.length === 1 ? '1 result' : ranked.length + ' results';
    list.replaceChildren();
    let shown = 0;
    const tell = () => {
      status.textContent = count + ' for “' + query.trim() + '” in ' + scopeText + '.' +
        (ranked.length > shown ? ' The first ' + shown + ' are shown.' : '');
    };
    async function showMore() {
      try {
        const order = await resultsPage(base, found, query, shown);
        for (const o of order) list.append(resultItem(meta, stems, o.r, o.units));
        shown += order.length;
        more.hidden = shown >= ranked.length;
        tell();
      } catch (error) {
        status.textContent = 'The search could not show its results: ' + error.message;
      }
    }
    await showMore();
    more.onclick = () => {
      const next = shown;
      showMore().then(() => {
        const link = list.children[next] && list.children[next].querySelector('a');
        if (link) link.focus();
      });
    };
  }

  function start() {
    // The site's front page: the search form goes to the chosen council's page.
    for (const form of document.querySelectorAll('form[data-search-councils]')) {
      form.addEventListener('submit', () => {
        const council = form.querySelector('[name=council]');
        if (council) {
          form.action = council.value + '/search.html';
          council.disabled = true;
        }
      });
    }
    const form = document.getElementById('search-form');
    if (!form) return;
    const base = form.dataset.index;
    const params = new URLSearchParams(location.search);
    const filters = { versions: 'now', part: '', document: '' };
    for (const name of ['q', 'versions', 'part', 'document']) {
      const field = form.elements[name];
      const value = params.get(name);
      if (field && value !== null) field.value = value;
      if (name !== 'q' && field) filters[name] = field.value;
    }
    const query = params.get('q') || '';
    if (query.trim() !== '') show(base, form, query, filters);
  }

  globalThis.clerkSearch = {
    load(name, data) {
      const resolve = waiting.get(name);
      if (resolve) resolve(data);
    },
    stem: stemWord,
    split,
    bucket,
    run,
    // The first page of results of a query, as the page shows them.
    async firstPage(base, query, filters) {
      return resultsPage(base, await run(base, query, filters), query, 0);
    },
  };
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();
