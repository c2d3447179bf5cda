//! The HTTP routes: the page and its assets, the scenario list and inputs, the edits
//! checked, the jobs started, followed, cancelled and downloaded. Every scenario is
//! named by its index in the [`Catalog`] and every file by a name the job offers, so
//! no part of a request becomes a path; request bodies are limited to [`BODY_LIMIT`].

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::catalog::Catalog;
use super::edit::{self, Edit, FieldError};
use super::jobs::Jobs;
use super::{page, work};
use crate::budget;
use crate::scenario::Scenario;

/// The largest request body accepted: edits are a few hundred bytes.
pub const BODY_LIMIT: usize = 64 * 1024;
/// The most iterations the page may ask for in one run.
const MAX_ITERATIONS: u64 = 1_000_000;

/// What every handler shares.
pub struct App {
    pub catalog: Catalog,
    pub jobs: Jobs,
    /// Answer only requests addressed to this computer by name (see [`local_host`]).
    pub local_only: bool,
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/scenarios", get(list))
        .route("/api/scenarios/{id}", get(inputs))
        .route("/api/check", post(check))
        .route("/api/toml", post(toml))
        .route("/api/run", post(run))
        .route("/api/compare", post(compare))
        .route("/api/sweep", post(sweep))
        .route("/api/jobs/{id}", get(job))
        .route("/api/jobs/{id}/cancel", post(cancel))
        .route("/api/jobs/{id}/files/{*name}", get(file))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(app.clone(), local_host))
        .with_state(app)
}

/// Refuses a request whose `Host` names another computer: a web page elsewhere that
/// points its own name at 127.0.0.1 (DNS rebinding) must not drive the local server.
async fn local_host(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if app.local_only && !host.is_none_or(is_local) {
        return error(
            StatusCode::FORBIDDEN,
            "burden serve answers only requests to localhost or 127.0.0.1",
        )
        .into_response();
    }
    next.run(request).await
}

/// Whether a `Host` header (a name or address, with or without a port) is this computer.
fn is_local(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(rest),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A scenario and the page's edits to it.
#[derive(Debug, Deserialize)]
pub struct Choice {
    scenario: usize,
    #[serde(default)]
    edits: Vec<Edit>,
    iterations: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub struct CompareRequest {
    baseline: Choice,
    variant: Choice,
}

#[derive(Debug, Deserialize)]
pub struct SweepRequest {
    #[serde(flatten)]
    choice: Choice,
    key: String,
    values: String,
}

/// A request refused: its status and what the page shows (`error`, or `errors` by field).
struct Refused(StatusCode, serde_json::Value);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

fn error(status: StatusCode, message: impl Into<String>) -> Refused {
    Refused(status, json!({ "error": message.into() }))
}

fn field_errors(errors: Vec<FieldError>) -> Refused {
    Refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        json!({ "errors": errors }),
    )
}

/// The scenario `id` as loaded, or the response that says why not.
fn load(app: &App, id: usize) -> Result<Scenario, Refused> {
    match app.catalog.load(id) {
        None => Err(error(
            StatusCode::NOT_FOUND,
            format!("there is no scenario {id}"),
        )),
        Some(Err(e)) => Err(error(StatusCode::UNPROCESSABLE_ENTITY, e.shown())),
        Some(Ok(sc)) => Ok(sc),
    }
}

/// The scenario with the choice's edits, and the settings of its run.
fn prepare(app: &App, c: &Choice) -> Result<(Scenario, crate::engine::RunSettings), Refused> {
    let base = load(app, c.scenario)?;
    if let Some(n) = c.iterations
        && !(1..=MAX_ITERATIONS).contains(&n)
    {
        return Err(field_errors(vec![FieldError {
            key: "iterations".into(),
            message: format!("error: iterations must be between 1 and {MAX_ITERATIONS}"),
        }]));
    }
    let sc = edit::apply(&base, &c.edits).map_err(field_errors)?;
    let settings = work::settings(&sc, c.iterations);
    let estimate = budget::estimate(&sc, settings.iterations, settings.threads);
    budget::check(&estimate, sc.horizon(), budget::available_memory()).map_err(|e| {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::cli::CliError::from(e).shown(),
        )
    })?;
    Ok((sc, settings))
}

async fn list(State(app): State<Arc<App>>) -> Response {
    Json(&app.catalog).into_response()
}

async fn inputs(State(app): State<Arc<App>>, Path(id): Path<usize>) -> Response {
    match load(&app, id) {
        Ok(sc) => Json(json!({
            "name": sc.name(),
            "title": crate::report::run::title(&sc),
            "description": sc.file.scenario.description,
            "iterations": sc.iterations(),
            "groups": edit::groups(&sc),
        }))
        .into_response(),
        Err(r) => r.into_response(),
    }
}

/// The edits checked, and the inputs as they would be (their percentiles change with them).
async fn check(State(app): State<Arc<App>>, Json(c): Json<Choice>) -> Response {
    let base = match load(&app, c.scenario) {
        Ok(sc) => sc,
        Err(r) => return r.into_response(),
    };
    match edit::apply(&base, &c.edits) {
        Ok(sc) => Json(json!({ "errors": [], "groups": edit::groups(&sc) })).into_response(),
        Err(errors) => Json(json!({ "errors": errors })).into_response(),
    }
}

async fn toml(State(app): State<Arc<App>>, Json(c): Json<Choice>) -> Response {
    let base = match load(&app, c.scenario) {
        Ok(sc) => sc,
        Err(r) => return r.into_response(),
    };
    match edit::edited_toml(&base, &c.edits) {
        Ok(text) => {
            let name = format!(
                "attachment; filename=\"{}-edited.toml\"",
                crate::analysis::slug(base.name())
            );
            (
                [
                    (header::CONTENT_TYPE, "application/toml".to_string()),
                    (header::CONTENT_DISPOSITION, name),
                ],
                text,
            )
                .into_response()
        }
        Err(errors) => field_errors(errors).into_response(),
    }
}

fn started(id: u64) -> Response {
    (StatusCode::ACCEPTED, Json(json!({ "job": id }))).into_response()
}

async fn run(State(app): State<Arc<App>>, Json(c): Json<Choice>) -> Response {
    match prepare(&app, &c) {
        Ok((sc, settings)) => started(app.jobs.start(settings.iterations, settings, work::run(sc))),
        Err(r) => r.into_response(),
    }
}

async fn compare(State(app): State<Arc<App>>, Json(req): Json<CompareRequest>) -> Response {
    let ((a, settings), (b, _)) = match (prepare(&app, &req.baseline), prepare(&app, &req.variant))
    {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let same_file = req.baseline.scenario == req.variant.scenario;
    // A value the variant put back is given the file's own text.
    let original = match load(&app, req.baseline.scenario) {
        Ok(sc) => sc,
        Err(r) => return r.into_response(),
    };
    let changes = work::variant_changes(&req.baseline.edits, &req.variant.edits, &|key| {
        field_text(&original, key)
    });
    let total = settings.iterations * 2;
    let edits = [&req.baseline.edits[..], &req.variant.edits[..]];
    let w = work::compare(a, b, edits, changes, same_file);
    started(app.jobs.start(total, settings, w))
}

/// The text of a field as the file has it.
fn field_text(sc: &Scenario, key: &str) -> String {
    edit::groups(sc)
        .into_iter()
        .flat_map(|g| g.fields)
        .find(|f| f.key == key)
        .map_or_else(String::new, |f| f.text)
}

async fn sweep(State(app): State<Arc<App>>, Json(req): Json<SweepRequest>) -> Response {
    let (_, settings) = match prepare(&app, &req.choice) {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let base = match load(&app, req.choice.scenario) {
        Ok(sc) => sc,
        Err(r) => return r.into_response(),
    };
    match work::sweep(&base, &req.choice.edits, &req.key, &req.values) {
        Ok((w, points)) => started(app.jobs.start(settings.iterations * points, settings, w)),
        Err(errors) => field_errors(errors).into_response(),
    }
}

async fn job(State(app): State<Arc<App>>, Path(id): Path<u64>) -> Response {
    match app.jobs.get(id) {
        Some(j) => Json(j.status()).into_response(),
        None => error(StatusCode::NOT_FOUND, format!("there is no job {id}")).into_response(),
    }
}

async fn cancel(State(app): State<Arc<App>>, Path(id): Path<u64>) -> Response {
    match app.jobs.get(id) {
        Some(j) => {
            j.cancel();
            StatusCode::NO_CONTENT.into_response()
        }
        None => error(StatusCode::NOT_FOUND, format!("there is no job {id}")).into_response(),
    }
}

async fn file(State(app): State<Arc<App>>, Path((id, name)): Path<(u64, String)>) -> Response {
    let Some(j) = app.jobs.get(id) else {
        return error(StatusCode::NOT_FOUND, format!("there is no job {id}")).into_response();
    };
    // Made in memory off the async workers: iterations.csv takes a moment.
    let found = tokio::task::spawn_blocking(move || j.file(&name))
        .await
        .ok()
        .flatten();
    match found {
        Some((kind, bytes)) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        None => error(StatusCode::NOT_FOUND, "the job has no such file").into_response(),
    }
}
