//! `burden serve [SCENARIO...]`: a local page to explore what-ifs (see [`crate::serve`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::Args;

use super::{CliError, say};
use crate::serve::{self, catalog::Catalog};

/// The port tried first.
const DEFAULT_PORT: u16 = 8737;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Scenario files, folders of them, or shipped scenarios' names to offer besides the
    /// shipped scenarios and ./scenarios/*.toml; the page opens on the first.
    pub scenarios: Vec<PathBuf>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on; anything but a loopback address needs --allow-remote.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Allow --bind to an address other computers can reach (there is no password).
    #[arg(long)]
    pub allow_remote: bool,
    /// Do not open the page in a browser.
    #[arg(long)]
    pub no_open: bool,
}

pub fn serve(args: ServeArgs, sets: &[String]) -> Result<(), CliError> {
    if !sets.is_empty() {
        return Err(CliError::usage(
            "serve takes no --set: change inputs on the page, which shows the --set options of each run",
        ));
    }
    if let Some(warning) = serve::check_bind(args.bind, args.allow_remote)? {
        eprintln!("{warning}");
    }
    let catalog = Catalog::build(&args.scenarios)?;
    let open = !args.no_open;
    serve::serve(catalog, SocketAddr::new(args.bind, args.port), |url| {
        say(&format!("burden serve: {url} (Ctrl-C to stop)\n"));
        if open {
            open_browser(url);
        }
    })
}

/// Opens `url` in the user's browser; the URL printed above is enough if this fails.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}
