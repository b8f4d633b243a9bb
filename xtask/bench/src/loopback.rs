//! A minimal HTTP/1.1 server on 127.0.0.1 that answers every request at once with one fixed
//! reply, keeping connections alive, so that a client's per-call cost is what is measured.
//!
//! It runs on its own thread with its own single-threaded runtime and stops when dropped.

use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

pub struct LoopbackServer {
    /// `http://127.0.0.1:PORT`
    pub base_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackServer {
    /// Serves `body` (JSON) as the reply to every request.
    pub fn start(body: &[u8]) -> Result<LoopbackServer> {
        let listener =
            std::net::TcpListener::bind("127.0.0.1:0").context("binding a loopback port")?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let mut response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(body);
        let response: Arc<[u8]> = response.into();

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .context("starting the server's runtime")?;
        let (shutdown, stop) = oneshot::channel();
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = TcpListener::from_std(listener) else {
                    return;
                };
                tokio::select! {
                    _ = stop => {}
                    () = accept_loop(listener, response) => {}
                }
            });
            // Dropping the runtime here cancels every connection task.
        });
        Ok(LoopbackServer {
            base_url: format!("http://{address}"),
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn accept_loop(listener: TcpListener, response: Arc<[u8]>) {
    while let Ok((stream, _)) = listener.accept().await {
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(stream, Arc::clone(&response)));
    }
}

/// Answers each complete request on the connection until the client closes it.
async fn serve_connection(mut stream: TcpStream, response: Arc<[u8]>) {
    let mut buffer = Vec::with_capacity(16 * 1024);
    loop {
        let request_len = loop {
            match complete_request_len(&buffer) {
                Some(len) => break len,
                None => match stream.read_buf(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                },
            }
        };
        buffer.drain(..request_len);
        if stream.write_all(&response).await.is_err() {
            return;
        }
    }
}

/// The length of the first request in `buffer` once it has fully arrived: its head and a
/// body of `content-length` bytes.
fn complete_request_len(buffer: &[u8]) -> Option<usize> {
    let head_len = buffer.windows(4).position(|window| window == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(buffer.get(..head_len)?).ok()?;
    let body_len = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .map_or(Some(0), |(_, value)| value.trim().parse::<usize>().ok())?;
    let total = head_len + body_len;
    (buffer.len() >= total).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_complete_once_its_body_has_arrived() {
        let request = b"POST /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody";
        assert_eq!(complete_request_len(request), Some(request.len()));
        assert_eq!(complete_request_len(&request[..request.len() - 1]), None);
        assert_eq!(complete_request_len(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
        assert_eq!(
            complete_request_len(b"GET / HTTP/1.1\r\n\r\nnext"),
            Some(18)
        );
    }
}
