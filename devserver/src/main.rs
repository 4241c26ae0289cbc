//! The `devserver` binary: parses the command line and serves until stopped.

use clap::Parser;
use devserver::{auth::DEMO_USERS, Config};
use std::io::Write;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let config = Config::parse();
    if let Some(devserver::app_command::Command::Bench {
        backups,
        iterations,
    }) = config.command.clone()
    {
        let report = devserver::bench(backups, iterations).await;
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        return Ok(());
    }
    let (addr, handle, app) = devserver::serve(config).await?;
    let url = format!("http://{addr}");
    let mut out = std::io::stdout().lock();
    // The first line is what `cargo xtask` waits for.
    writeln!(out, "DEVSERVER_URL={url}")?;
    if let Some(second) = app.0.second_origin.get() {
        writeln!(out, "DEVSERVER_SECOND_URL={second}")?;
    }
    out.flush()?;
    let count = app.world().store.backup_index.len();
    let settings = app.settings();
    writeln!(
        out,
        "Waldur backups dev server listening on {url} (profile {}, CORS {})",
        settings.profile.as_str(),
        settings.cors.as_str()
    )?;
    writeln!(
        out,
        "  API:      {url}/api/openstack-backups/  ({count} backups)"
    )?;
    writeln!(
        out,
        "  Control:  {url}/__devserver/  (lists every control endpoint)"
    )?;
    if let Some(second) = app.0.second_origin.get() {
        writeln!(
            out,
            "  Second origin: {second}/  ({:?})",
            app.0.config.second_serves
        )?;
    }
    writeln!(
        out,
        "Demo users (Authorization: Token <key>, Bearer <key>, or cookie sessionid=<key>):"
    )?;
    for u in &DEMO_USERS {
        writeln!(out, "  {:<8} {:<20} {}", u.username, u.token, u.about)?;
    }
    out.flush()?;
    drop(out);
    handle.await.map_err(std::io::Error::other)
}
