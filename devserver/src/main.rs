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
    writeln!(out, "DEVSERVER_URL={url}")?;
    out.flush()?;
    let count = app.world().store.backup_index.len();
    writeln!(out, "Waldur backups dev server listening on {url}")?;
    writeln!(
        out,
        "  API:      {url}/api/openstack-backups/  ({count} backups)"
    )?;
    writeln!(
        out,
        "  Control:  {url}/__devserver/  (reset, clock, faults, release, requests, settings)"
    )?;
    writeln!(
        out,
        "Demo users (Authorization: Token <key>, Bearer <key>, or cookie sessionid=<key>):"
    )?;
    for (user, role, token) in DEMO_USERS {
        writeln!(out, "  {user:<8} {token:<20} {role}")?;
    }
    out.flush()?;
    drop(out);
    handle.await.map_err(std::io::Error::other)
}
