//! `cargo xtask bench [--smoke]`: builds the release bundle, copies `bench/pages/` into
//! `dist/bench/`, starts the release dev server on `dist/` and runs the `bench` driver, which
//! prints the table of figures and writes `target/bench/results.json`.
//! (`--smoke` takes the tests' debug dev server instead of the release one.)
//!
//! A missed budget is printed as MISSED and does not fail the run; a broken harness does.
//! `--smoke` runs one round without verdicts (`cargo xtask test` runs it as `bench-smoke`).

use crate::devserver;
use crate::setup;
use crate::tools::{self, command};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut smoke = false;
    for a in args {
        match a.as_str() {
            "--smoke" => smoke = true,
            "--help" | "-h" => {
                println!("usage: cargo xtask bench [--smoke]\n\n  --smoke  one round, no budget verdicts (what `cargo xtask test` runs)");
                return Ok(());
            }
            other => return Err(format!("unknown bench option `{other}`")),
        }
    }
    setup::run()?;
    tools::run(command("trunk").args(["build", "--release"]))?;
    copy_pages()?;
    // The smoke run's figures carry no verdicts: it takes the tests' debug dev server (built by
    // the `native` step) instead of compiling the release one.
    let server_bin = if smoke {
        devserver::build_for_tests()?
    } else {
        devserver::build()?
    };
    // The driver only steers the browser and reads what the page measured; the smoke run (in
    // `cargo xtask test`) takes its debug build, whose dependencies the e2e tests built already,
    // rather than compile them again with the release profile's fat LTO (45 s on a fresh clone).
    let profile = if smoke { "debug" } else { "release" };
    let mut build = command("cargo");
    build.args(["build", "--quiet", "-p", "bench"]);
    if !smoke {
        build.arg("--release");
    }
    tools::run(&mut build)?;

    let root = tools::root();
    let dist = root.join("dist");
    let server = devserver::start(
        &server_bin,
        &[
            "--port",
            "0",
            "--clock",
            "manual",
            "--backups",
            "1000",
            "--static",
            dist.to_str().expect("utf-8 path"),
        ],
        false,
    )?;
    println!("dev server for the benchmark at {}", server.url);
    let mut cmd = command(
        tools::target_dir()
            .join(profile)
            .join("bench")
            .to_str()
            .expect("utf-8 path"),
    );
    cmd.args(["--dist", dist.to_str().expect("utf-8 path")])
        .args(["--devserver", server_bin.to_str().expect("utf-8 path")])
        .args([
            "--out",
            root.join("target/bench/results.json")
                .to_str()
                .expect("utf-8 path"),
        ])
        .env("E2E_BASE_URL", &server.url)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER);
    if smoke {
        cmd.arg("--smoke");
    }
    let result = tools::run(&mut cmd);
    drop(server);
    result
}

/// Copies `bench/pages/*` to `dist/bench/` (after the Trunk build, which empties dist/).
fn copy_pages() -> Result<(), String> {
    let from = tools::root().join("bench/pages");
    let to = tools::root().join("dist/bench");
    std::fs::create_dir_all(&to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.filter_map(Result::ok) {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}
