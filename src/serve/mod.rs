//! `burden serve`: a local page to explore what-ifs. The page lists the scenarios,
//! shows every input with its source, grade and percentiles, runs, compares and
//! sweeps with the same analyses, reports and charts as the commands, and hands back
//! the edited scenario, the report, the data and the command line.
//!
//! * [`catalog`]: the scenarios the server may read, listed at start;
//! * [`edit`]: inputs as fields, edits applied by the command line's `--set`;
//! * [`work`], [`jobs`], [`results`]: runs on their own threads, progress, cancel, results;
//! * [`routes`], [`page`]: the HTTP routes and the embedded page.
//!
//! The server listens on 127.0.0.1 unless told otherwise with `--allow-remote`, and
//! writes nothing: every download is made in memory.

pub mod catalog;
pub mod edit;
pub mod jobs;
pub mod page;
pub mod results;
pub mod routes;
pub mod work;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use crate::cli::CliError;

/// Checks the address to listen on: a loopback address, or another only when the user
/// allowed it, with a warning.
pub fn check_bind(ip: IpAddr, allow_remote: bool) -> Result<Option<String>, CliError> {
    if ip.is_loopback() {
        return Ok(None);
    }
    if !allow_remote {
        return Err(CliError::usage(format!(
            "burden serve listens only on this computer (127.0.0.1) unless told otherwise; {ip} would let other computers reach it\n  = help: add --allow-remote to listen on {ip} anyway, or leave out --bind"
        )));
    }
    Ok(Some(format!(
        "warning: listening on {ip}: anyone who can reach this computer can use the page and run simulations on it (there is no password)"
    )))
}

/// Serves `catalog` on `addr` until the process is stopped; `ready` hears the URL once
/// the port is open.
pub fn serve(
    catalog: catalog::Catalog,
    addr: SocketAddr,
    ready: impl FnOnce(&str),
) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::running(format!("cannot start the web server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            CliError::usage(format!(
                "cannot listen on {addr}: {e}\n  = help: another program may be using port {}; give another with --port, or --port 0 for any free port",
                addr.port()
            ))
        })?;
        let bound = listener
            .local_addr()
            .map_err(|e| CliError::running(format!("cannot read the server's address: {e}")))?;
        ready(&format!("http://{bound}/"));
        let app = Arc::new(routes::App {
            catalog,
            jobs: jobs::Jobs::default(),
            local_only: addr.ip().is_loopback(),
        });
        axum::serve(listener, routes::router(app))
            .await
            .map_err(|e| CliError::running(format!("the web server stopped: {e}")))
    })
}

#[cfg(test)]
mod tests;
