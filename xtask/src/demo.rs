//! `cargo xtask demo`: builds the standalone page and serves it with the dev server on demo data.
//!
//! It serves `target/site-demo/`, a copy of `dist/` with its own `config.json` pointing at this
//! dev server: `dist/` stays the release bundle as built, with no dev address in it.

use crate::devserver;
use crate::setup;
use crate::site;
use crate::tools::{self, command};

/// Port tried first, so the demo URL stays the same from run to run.
const PREFERRED_PORT: u16 = 8080;

pub fn run(args: &[String]) -> Result<(), String> {
    let port = match args.iter().position(|a| a == "--port") {
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or("--port needs a number")?,
        None if port_is_free(PREFERRED_PORT) => PREFERRED_PORT,
        None => 0,
    };
    setup::run()?;
    println!("\n== building the standalone page (trunk build --release)");
    tools::run(command("trunk").args(["build", "--release"]))?;
    println!("\n== starting the dev server");
    let binary = devserver::build()?;
    let served = site::from_dist("demo")?;
    let port = port.to_string();
    let server = devserver::start(
        &binary,
        &[
            "--port",
            &port,
            "--static",
            served.to_str().expect("utf-8 path"),
            "--clock",
            "real",
        ],
        true,
    )?;
    // The standalone page reads config.json beside it: point it at this dev server.
    site::write_config(&served, &server.url)?;
    println!("\nServing {}", served.display());
    println!("Standalone page: {}/", server.url);
    println!("Embedding demo:  {}/embed.html", server.url);
    println!(
        "\nOpen {}/ and sign in with a demo token (printed above, e.g. demo-staff-token).",
        server.url
    );
    println!("Press Ctrl-C to stop.");
    loop {
        std::thread::park();
    }
}

fn port_is_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}
