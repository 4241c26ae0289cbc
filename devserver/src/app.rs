//! Configuration, shared state, routing and start-up.

use crate::clock::Clock;
pub use crate::clock::ClockMode;
use crate::data::{self, DataOptions};
use crate::faults::{self, Faults};
use crate::profile::{CorsMode, Profile};
use crate::store::Store;
use crate::{backups, control, cors, related, site, users};
use axum::Router;
use chrono::Duration;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::task::JoinHandle;

/// Every command-line option of the dev server.
#[derive(clap::Parser, Clone, Debug)]
#[command(
    name = "devserver",
    about = "A local imitation of Waldur's OpenStack backups API",
    after_help = "Control endpoints (reset, clock, faults, settings, quotas, request log) are listed, \
with one line each, at GET /__devserver/ of the running server."
)]
pub struct Config {
    /// Address to listen on (loopback unless told otherwise).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port (0 = any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Directory served at `/` (index.html for `/`, gzip or brotli when the client accepts
    /// them); the API stays under `/api/`.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Also listen on this port (0 = any free port), as a second origin for host pages; its
    /// URL is printed as `DEVSERVER_SECOND_URL=` and shown at `GET /__devserver/`.
    #[arg(long, value_name = "PORT")]
    pub second_port: Option<u16>,
    /// What the second origin serves: `static` (only the --static files) or `all` (the same
    /// app: API, control endpoints and files).
    #[arg(long, value_enum, default_value = "static")]
    pub second_serves: SecondServes,
    /// The Waldur release to imitate: `8.1` (enum states, set_ok/set_erred) or `2024` (display
    /// labels, label-only state filter, HTML 404 for set_ok/set_erred, backup schedules, the
    /// fields and nulls measured on a 2024 server).
    #[arg(long, value_enum, default_value = "8.1")]
    pub profile: Profile,
    /// CORS of API answers: `django` (django-cors-headers: origin echoed on every status),
    /// `nginx-stock` (Waldur's image: `*` with credentials, only on 200/201/204/206/3xx
    /// answers) or `none` (Django alone). Control endpoints and files always echo the origin.
    #[arg(long, value_enum, default_value = "django")]
    pub cors: CorsMode,
    /// Seed of the demo data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of generated backups (default 160; 100000 and more are fine).
    #[arg(long)]
    pub backups: Option<usize>,
    /// Add backups whose strings try to break the UI.
    #[arg(long)]
    pub hostile: bool,
    /// `real`: states move on with wall-clock time; `manual`: only via the control endpoint.
    #[arg(long, value_enum, default_value = "real")]
    pub clock: ClockMode,
    /// Length of one step of a transitional state, in milliseconds of clock time.
    #[arg(long, default_value_t = 3000)]
    pub step_ms: u64,
    /// Answer pull with 202 instead of 409 "not implemented".
    #[arg(long)]
    pub pull_accepted: bool,
    /// Delay every API response by this many milliseconds.
    #[arg(long, value_name = "MS")]
    pub latency_ms: Option<u64>,
    /// Answer API requests with this status (see --fault-fraction).
    #[arg(long, value_name = "CODE")]
    pub fault_status: Option<u16>,
    /// Fraction of API requests that get --fault-status (0.0–1.0).
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    pub fault_fraction: f64,
    /// Leave out `X-Result-Count` from list responses.
    #[arg(long)]
    pub omit_result_count: bool,
    /// Stop the response body of API requests halfway and close the connection.
    #[arg(long)]
    pub drop_connection: bool,
    /// Optional sub-mode.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the second origin (`--second-port`) serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecondServes {
    /// Only the static files.
    Static,
    /// Everything the main origin serves.
    All,
}

/// Sub-modes of the binary.
#[derive(clap::Subcommand, Clone, Debug)]
pub enum Command {
    /// Time filtered, ordered 300-row list requests against a large data set and print the result.
    Bench {
        /// Number of backups.
        #[arg(long, default_value_t = 100_000)]
        backups: usize,
        /// Number of timed requests.
        #[arg(long, default_value_t = 100)]
        iterations: usize,
    },
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            static_dir: None,
            second_port: None,
            second_serves: SecondServes::Static,
            profile: Profile::V8_1,
            cors: CorsMode::Django,
            seed: 42,
            backups: None,
            hostile: false,
            clock: ClockMode::Real,
            step_ms: 3000,
            pull_accepted: false,
            latency_ms: None,
            fault_status: None,
            fault_fraction: 1.0,
            omit_result_count: false,
            drop_connection: false,
            command: None,
        }
    }
}

impl Config {
    /// A configuration for tests: manual clock, default data.
    pub fn for_tests() -> Self {
        Config {
            clock: ClockMode::Manual,
            ..Config::default()
        }
    }
}

/// What can be switched at run time (`POST /__devserver/settings`); a reset restores the
/// command line's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Settings {
    /// The release imitated.
    pub profile: Profile,
    /// CORS of API answers.
    pub cors: CorsMode,
    /// Pull answers 202.
    pub pull_accepted: bool,
}

impl Settings {
    fn of(config: &Config) -> Self {
        Settings {
            profile: config.profile,
            cors: config.cors,
            pull_accepted: config.pull_accepted,
        }
    }
}

/// Mutable server state behind one lock.
#[derive(Debug)]
pub struct World {
    /// Data.
    pub store: Store,
    /// Clock.
    pub clock: Clock,
    /// Run-time settings.
    pub settings: Settings,
    /// Seed used at the last reset.
    pub seed: u64,
    /// Hostile data at the last reset.
    pub hostile: bool,
    /// Backups at the last reset.
    pub backups: usize,
}

/// Shared state.
#[derive(Debug)]
pub struct Shared {
    /// Data, clock and settings.
    pub world: Mutex<World>,
    /// Fault rules and held responses.
    pub faults: Mutex<Faults>,
    /// Received API requests.
    pub log: Mutex<Vec<Value>>,
    /// Response headers added to static files (`/__devserver/static-headers`), by path.
    pub static_headers: Mutex<Vec<site::StaticHeaders>>,
    /// Start configuration.
    pub config: Config,
    /// URL of the second origin, once it listens.
    pub second_origin: OnceLock<String>,
}

/// Handle to the server state (cheap to clone).
#[derive(Clone, Debug)]
pub struct App(pub Arc<Shared>);

impl App {
    /// Fresh state from a configuration.
    pub fn new(config: Config) -> Self {
        let world = build_world(
            &config,
            config.seed,
            config.hostile,
            config.backups.unwrap_or(data::DEFAULT_BACKUPS),
        );
        let faults = Faults::from_config(&config);
        App(Arc::new(Shared {
            world: Mutex::new(world),
            faults: Mutex::new(faults),
            log: Mutex::new(Vec::new()),
            static_headers: Mutex::new(Vec::new()),
            config,
            second_origin: OnceLock::new(),
        }))
    }

    /// The run-time settings (without moving the clock along).
    pub fn settings(&self) -> Settings {
        self.0
            .world
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .settings
    }

    /// Locks the world after moving time along to "now".
    pub fn world(&self) -> MutexGuard<'_, World> {
        let mut w = self.0.world.lock().unwrap_or_else(|e| e.into_inner());
        let now = w.clock.now();
        w.store.tick(now);
        w
    }

    /// Replaces data, faults, log, clock and settings with fresh ones.
    pub fn reset(&self, seed: Option<u64>, hostile: Option<bool>, backups: Option<usize>) {
        let mut w = self.0.world.lock().unwrap_or_else(|e| e.into_inner());
        // Whatever is not given comes from the command line, so `reset {}` is a fresh start
        // whatever an earlier reset chose (tests rely on that).
        let config = &self.0.config;
        let seed = seed.unwrap_or(config.seed);
        let hostile = hostile.unwrap_or(config.hostile);
        let backups = backups.unwrap_or(config.backups.unwrap_or(data::DEFAULT_BACKUPS));
        *w = build_world(&self.0.config, seed, hostile, backups);
        *self.0.faults.lock().unwrap_or_else(|e| e.into_inner()) =
            Faults::from_config(&self.0.config);
        self.0.log.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.0
            .static_headers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

fn build_world(config: &Config, seed: u64, hostile: bool, backups: usize) -> World {
    let clock = Clock::new(config.clock);
    let step = Duration::milliseconds(config.step_ms.max(1) as i64);
    let store = data::generate(
        &DataOptions {
            seed,
            backups,
            hostile,
            step,
        },
        clock.now(),
    );
    World {
        store,
        clock,
        settings: Settings::of(config),
        seed,
        hostile,
        backups,
    }
}

/// The complete router (API, control endpoints, optional static files) for a state.
pub fn router(app: App) -> Router {
    let static_dir = app.0.config.static_dir.clone();
    let site = site::fallback(static_dir, app.clone());
    Router::new()
        .merge(backups::router())
        .merge(related::router())
        .merge(users::router())
        .merge(control::router())
        .fallback_service(site)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            faults::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            control::log_layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            cors::layer,
        ))
        .with_state(app)
}

/// The second origin's router: the static files only, or the whole app.
pub fn second_router(app: App) -> Router {
    match app.0.config.second_serves {
        SecondServes::All => router(app),
        SecondServes::Static => Router::new()
            .fallback_service(site::static_only(
                app.0.config.static_dir.clone(),
                app.clone(),
            ))
            .layer(axum::middleware::from_fn_with_state(
                app.clone(),
                cors::layer,
            ))
            .with_state(app),
    }
}

/// Starts the server on `config.host:config.port` (and the second origin, if asked for);
/// returns the bound address, the task and the state.
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>, App)> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let second = match config.second_port {
        Some(port) => Some(tokio::net::TcpListener::bind((config.host.as_str(), port)).await?),
        None => None,
    };
    let app = App::new(config);
    if let Some(l) = second {
        let url = format!("http://{}", l.local_addr()?);
        let _ = app.0.second_origin.set(url);
        let r = second_router(app.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(l, r).await {
                eprintln!("devserver (second origin) stopped: {e}");
            }
        });
    }
    let r = router(app.clone());
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, r).await {
            eprintln!("devserver stopped: {e}");
        }
    });
    Ok((addr, handle, app))
}

/// Timings of `bench`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BenchReport {
    /// Backups in the data set.
    pub backups: usize,
    /// Timed requests.
    pub iterations: usize,
    /// Median time of a request, in milliseconds.
    pub median_ms: f64,
    /// 95th percentile, in milliseconds.
    pub p95_ms: f64,
    /// Time to generate the data, in milliseconds.
    pub generate_ms: f64,
}

/// Times staff list requests (300 rows, a filter, each ordering in turn) over `backups` backups,
/// through the full router but without a network.
pub async fn bench(backups: usize, iterations: usize) -> BenchReport {
    use tower::ServiceExt;
    let t0 = std::time::Instant::now();
    let app = App::new(Config {
        backups: Some(backups),
        clock: ClockMode::Manual,
        ..Config::default()
    });
    let generate_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let r = router(app);
    let queries = [
        "o=name",
        "o=-created",
        "o=state&state=OK",
        "o=customer_name&name=web",
        "o=-project_name",
        "o=service_name&description=kernel",
        "o=customer_abbreviation",
        "o=-customer_native_name",
    ];
    let mut times = Vec::with_capacity(iterations);
    for i in 0..iterations + queries.len() {
        let q = queries[i % queries.len()];
        let req =
            axum::http::Request::get(format!("/api/openstack-backups/?page_size=300&page=2&{q}"))
                .header("host", "127.0.0.1")
                .header("authorization", format!("Token {}", crate::tokens::STAFF))
                .body(axum::body::Body::empty())
                .expect("request");
        let t = std::time::Instant::now();
        let resp = r.clone().oneshot(req).await.expect("response");
        let _ = axum::body::to_bytes(resp.into_body(), usize::MAX).await;
        // The first round fills the order caches; it is not timed.
        if i >= queries.len() {
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    BenchReport {
        backups,
        iterations,
        median_ms: at(0.5),
        p95_ms: at(0.95),
        generate_ms,
    }
}
