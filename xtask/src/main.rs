//! The project's own tasks: `cargo xtask setup | demo | test | bench`.
//!
//! Everything a newcomer needs goes through here, so that a fresh machine and CI
//! need nothing but `cargo xtask test`.

mod bench;
mod demo;
mod devserver;
mod engines;
mod glue_names;
mod package;
mod setup;
mod site;
mod split;
mod stylesheet;
mod suite;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup   install what is missing (Trunk, wasm-bindgen CLI, wasm-opt, axe-core, Chromium,
          Firefox ESR, geckodriver, WebKitGTK with Xvfb)
  demo    build the standalone page and serve it with the dev server on demo data
  test    setup, lint, then every test (browser and e2e in Chromium, Firefox, WebKit); one
          summary at the end (`--only <steps>`, `--browsers <engines>`, `--test <file>`)
  split   (run by Trunk after its build) split the wasm into lazily loaded chunks
  package write the npm package (target/package/, and its .tgz through npm pack)
  stylesheet  write waldur-backups.css (Trunk runs it into dist/ after each build)
  bench   build the release bundle, measure it in headless Chromium against plain-JS
          baselines, print the figures and budgets (`--smoke`: one round, no verdicts)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match command.as_str() {
        "setup" => setup::run(),
        "demo" => demo::run(rest),
        "test" => suite::run(rest),
        "bench" => bench::run(rest),
        "split" => split::run(rest),
        "package" => package::run(rest),
        "stylesheet" => stylesheet::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
