//! The preview's HTTP: one GET or HEAD a connection, read within limits.
//!
//! A request's line and headers may take 16 KiB and arrive within ten
//! seconds; a body is never read; at most 32 connections are served at
//! once. Only a `Host` this server can honestly be called is answered (see
//! [`Hosts`]): a web page that rebinds its own name to this machine gets
//! nothing back.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Duration;

/// The most a request's line and headers may take.
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request, and to take the reply.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more are told to come back.
pub const MAX_CONNECTIONS: usize = 32;

/// One request, as much of it as the preview needs.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub host: Option<String>,
}

/// A reply: a status, a content type and the body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, kind: &'static str, body: Vec<u8>) -> Reply {
        Reply { status, kind, body }
    }

    /// A short plain-text reply.
    pub fn text(status: u16, message: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }
}

/// The `Host` values the server answers: the loopback names and the
/// address it is bound to, with its port. Bound to every address (`0.0.0.0`
/// or `::`), any address given as digits is answered too: a page can turn
/// only a name it owns to this machine, never an address written as digits.
#[derive(Debug, Clone)]
pub struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    pub fn allows(&self, host: &str) -> bool {
        let port = self.bound.port();
        let (name, given_port) = split_port(host);
        let port_fits = match given_port {
            Some(p) => p.parse::<u16>() == Ok(port),
            None => port == 80,
        };
        if !port_fits {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        else {
            return false;
        };
        ip.is_loopback() || ip == self.bound.ip() || self.bound.ip().is_unspecified()
    }
}

/// `name:port`, `[v6]:port`, or a name alone.
fn split_port(host: &str) -> (&str, Option<&str>) {
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((ip, after)) => (&host[..ip.len() + 2], after.strip_prefix(':')),
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    }
}

/// Reads one request's line and headers from `stream`: `Err` is the reply
/// to send instead (or `None` when the client went away).
pub fn read_request(stream: &mut TcpStream) -> Result<Request, Option<Reply>> {
    let _ = stream.set_read_timeout(Some(TIMEOUT));
    let _ = stream.set_write_timeout(Some(TIMEOUT));
    read_head(stream)
}

fn read_head(stream: &mut impl Read) -> Result<Request, Option<Reply>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let started = std::time::Instant::now();
    loop {
        if started.elapsed() > TIMEOUT {
            return Err(Some(Reply::text(408, "the request took too long")));
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(None),
            Ok(n) => n,
        };
        head.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&head) {
            Ok(httparse::Status::Complete(_)) => {
                let host = request
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case("host"))
                    .map(|h| String::from_utf8_lossy(h.value).trim().to_string());
                return Ok(Request {
                    method: request.method.unwrap_or_default().to_string(),
                    path: request.path.unwrap_or("/").to_string(),
                    host,
                });
            }
            Ok(httparse::Status::Partial) if head.len() <= MAX_HEAD => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Err(Some(Reply::text(431, "request headers too large")));
            }
            Err(_) => return Err(Some(Reply::text(400, "not an HTTP request"))),
        }
    }
}

/// Sends `reply` and closes: the body only for GET.
pub fn send(stream: &mut TcpStream, reply: &Reply, with_body: bool) {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        reply.status,
        reason(reply.status),
        reply.kind,
        reply.body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if with_body {
        let _ = stream.write_all(&reply.body);
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bound: &str) -> Hosts {
        Hosts::new(bound.parse().unwrap())
    }

    #[test]
    fn only_this_servers_names_are_answered() {
        let loopback = hosts("127.0.0.1:8000");
        for good in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST:8000",
            "[::1]:8000",
        ] {
            assert!(loopback.allows(good), "{good}");
        }
        for bad in [
            "attacker.example:8000",
            "127.0.0.1:8001",
            "127.0.0.1",
            "localhost.attacker.example:8000",
            "192.168.1.5:8000",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let everywhere = hosts("0.0.0.0:8000");
        assert!(everywhere.allows("192.168.1.5:8000"));
        assert!(!everywhere.allows("intranet.example:8000"));
        assert!(hosts("127.0.0.1:80").allows("localhost"));
    }

    #[test]
    fn a_head_past_the_limit_is_refused() {
        let mut huge = b"GET / HTTP/1.1\r\nX: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEAD * 4));
        let reply = read_head(&mut huge.as_slice()).unwrap_err().unwrap();
        assert_eq!(reply.status, 431);
        let request = read_head(&mut &b"GET /a%20b HTTP/1.1\r\nHost: localhost:1\r\n\r\n"[..]);
        assert_eq!(
            request.unwrap(),
            Request {
                method: "GET".into(),
                path: "/a%20b".into(),
                host: Some("localhost:1".into())
            }
        );
    }
}
