//! The server's routes called as a browser would, without a network: what it refuses
//! (paths from requests, oversized bodies, remote addresses) and what it runs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::catalog::Catalog;
use super::jobs::Jobs;
use super::routes::{App, BODY_LIMIT, router};

fn app() -> axum::Router {
    let catalog = Catalog::build(&[]).expect("the list builds");
    router(Arc::new(App {
        catalog,
        jobs: Jobs::default(),
        local_only: true,
    }))
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

/// Sends one request; returns the status and the body as text.
async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: Option<String>,
) -> (StatusCode, String) {
    send_to(app, "127.0.0.1:8737", method, uri, body).await
}

/// Sends one request with the `Host` header `host`.
async fn send_to(
    app: &axum::Router,
    host: &str,
    method: &str,
    uri: &str,
    body: Option<String>,
) -> (StatusCode, String) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("Host", host);
    if body.is_some() {
        request = request.header("Content-Type", "application/json");
    }
    let request = request
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("a request");
    let response = app.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The id of the scenario the page opens on (Ranam).
async fn default_scenario(app: &axum::Router) -> u64 {
    let (_, list) = send(app, "GET", "/api/scenarios", None).await;
    json(&list)["default"].as_u64().expect("a default")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn paths_from_requests_are_refused() {
    block_on(async {
        let app = app();
        for uri in [
            "/../../etc/passwd",
            "/..%2F..%2Fetc%2Fpasswd",
            "/scenarios/ranam-2020.toml",
            "/api/scenarios/..%2F..%2Fetc%2Fpasswd",
            "/api/scenarios/99",
            "/api/jobs/1/files/..%2F..%2FCargo.toml",
            "/api/jobs/1/files/../../Cargo.toml",
        ] {
            let (status, body) = send(&app, "GET", uri, None).await;
            assert!(status.is_client_error(), "{uri}: {status} {body}");
            assert!(
                !body.contains("[package]") && !body.contains("root:"),
                "{uri}: {body}"
            );
        }
    });
}

#[test]
fn a_request_to_another_host_name_is_refused() {
    block_on(async {
        let app = app();
        for host in [
            "localhost:8737",
            "127.0.0.1:8737",
            "[::1]:8737",
            "LOCALHOST",
        ] {
            assert_eq!(
                send_to(&app, host, "GET", "/", None).await.0,
                StatusCode::OK,
                "{host}"
            );
        }
        for host in [
            "evil.example:8737",
            "evil.example",
            "192.168.1.5:8737",
            "127.0.0.1.evil.example",
        ] {
            let (status, _) = send_to(&app, host, "GET", "/api/scenarios", None).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{host}");
        }
    });
}

#[test]
fn an_oversized_body_is_refused_before_it_is_read() {
    block_on(async {
        let app = app();
        let padding = "x".repeat(BODY_LIMIT + 1);
        let body = format!(
            r#"{{"scenario": 0, "edits": [{{"key": "levy.resident_share", "value": "{padding}"}}]}}"#
        );
        for uri in ["/api/run", "/api/check", "/api/toml"] {
            let (status, _) = send(&app, "POST", uri, Some(body.clone())).await;
            assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        }
    });
}

#[test]
fn only_a_loopback_address_is_served_without_the_flag() {
    let local: std::net::IpAddr = "127.0.0.1".parse().expect("an address");
    let any: std::net::IpAddr = "0.0.0.0".parse().expect("an address");
    assert!(matches!(super::check_bind(local, false), Ok(None)));
    let refused = super::check_bind(any, false).expect_err("0.0.0.0 needs --allow-remote");
    assert_eq!(refused.code(), 2);
    assert!(
        refused.shown().contains("--allow-remote"),
        "{}",
        refused.shown()
    );
    let warned = super::check_bind(any, true).expect("allowed with the flag");
    assert!(warned.is_some_and(|w| w.starts_with("warning:")));
}

#[test]
fn a_bad_value_is_refused_with_the_clis_message_and_nothing_runs() {
    block_on(async {
        let app = app();
        let ranam = default_scenario(&app).await;
        let body = format!(
            r#"{{"scenario": {ranam}, "edits": [{{"key": "levy.resident_share", "value": "1.5"}}]}}"#
        );
        let (status, text) = send(&app, "POST", "/api/run", Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let error = &json(&text)["errors"][0];
        assert_eq!(error["key"], "levy.resident_share");
        let shipped = std::path::PathBuf::from("ranam-2020");
        let cli = crate::cli::load_scenario(Some(&shipped), &["levy.resident_share=1.5".into()])
            .expect_err("1.5 is not a share")
            .shown();
        assert_eq!(error["message"], cli.as_str());
        // No job was started: the first job id is still free.
        assert_eq!(
            send(&app, "GET", "/api/jobs/1", None).await.0,
            StatusCode::NOT_FOUND
        );
    });
}

/// Polls a job until it stops running; returns its last status and when it stopped.
async fn wait(app: &axum::Router, job: u64, limit: Duration) -> (serde_json::Value, Instant) {
    let start = Instant::now();
    loop {
        let (_, text) = send(app, "GET", &format!("/api/jobs/{job}"), None).await;
        let status = json(&text);
        if status["state"] != "running" || start.elapsed() > limit {
            return (status, Instant::now());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn two_runs_at_once_get_their_own_results_and_a_cancel_stops_within_a_second() {
    block_on(async {
        let app = app();
        let ranam = default_scenario(&app).await;
        let run = |share: &str, n: u64| {
            format!(
                r#"{{"scenario": {ranam}, "iterations": {n}, "edits": [{{"key": "levy.resident_share", "value": "{share}"}}]}}"#
            )
        };
        let (_, a) = send(&app, "POST", "/api/run", Some(run("0", 20))).await;
        let (_, b) = send(&app, "POST", "/api/run", Some(run("1", 20))).await;
        let (a, b) = (
            json(&a)["job"].as_u64().expect("a job"),
            json(&b)["job"].as_u64().expect("a job"),
        );
        assert_ne!(a, b);
        let (sa, _) = wait(&app, a, Duration::from_secs(60)).await;
        let (sb, _) = wait(&app, b, Duration::from_secs(60)).await;
        assert_eq!(
            (sa["state"].as_str(), sb["state"].as_str()),
            (Some("done"), Some("done"))
        );
        let command = |s: &serde_json::Value| s["command"].as_str().unwrap_or_default().to_string();
        assert!(
            command(&sa).contains("levy.resident_share=0"),
            "{}",
            command(&sa)
        );
        assert!(
            command(&sb).contains("levy.resident_share=1"),
            "{}",
            command(&sb)
        );
        assert_ne!(sa["html"], sb["html"]);
        // Each job's files are its own: the state paying (share 0) levies nothing.
        let csv = send(
            &app,
            "GET",
            &format!("/api/jobs/{a}/files/summary.json"),
            None,
        )
        .await
        .1;
        assert!(
            csv.contains("levy.resident_share=0"),
            "the summary records the change"
        );

        let (_, long) = send(&app, "POST", "/api/run", Some(run("0.5", 200_000))).await;
        let long = json(&long)["job"].as_u64().expect("a job");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let asked = Instant::now();
        let (status, _) = send(&app, "POST", &format!("/api/jobs/{long}/cancel"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (last, stopped) = wait(&app, long, Duration::from_secs(5)).await;
        assert_eq!(last["state"], "cancelled");
        assert!(
            stopped - asked < Duration::from_secs(1),
            "{:?}",
            stopped - asked
        );
        assert!(last["done"].as_u64().is_some_and(|d| d < 200_000));
    });
}

#[test]
fn a_runs_files_are_byte_for_byte_those_of_burden_run() {
    block_on(async {
        let app = app();
        let ranam = default_scenario(&app).await;
        let body = format!(
            r#"{{"scenario": {ranam}, "iterations": 30, "edits": [{{"key": "levy.resident_share", "value": "0.25"}}]}}"#
        );
        let (_, started) = send(&app, "POST", "/api/run", Some(body)).await;
        let job = json(&started)["job"].as_u64().expect("a job");
        let (status, _) = wait(&app, job, Duration::from_secs(60)).await;
        assert_eq!(status["state"], "done");
        // The command line's own route: `burden run ranam-2020 -n 30 --set ...`.
        let shipped = std::path::PathBuf::from("ranam-2020");
        let sc = crate::cli::load_scenario(Some(&shipped), &["levy.resident_share=0.25".into()])
            .expect("the scenario loads");
        let mut settings = crate::engine::RunSettings::from_scenario(&sc);
        settings.iterations = 30;
        let r = crate::analysis::run::run(sc, settings, &|| {}).expect("the run");
        let info = crate::output::RunInfo::new(&r.scenario, r.settings.seed, 30);
        for (name, content) in crate::output::run_files(&r, &info) {
            let bytes = content.into_bytes().expect("the file's bytes");
            let uri = format!("/api/jobs/{job}/files/{name}");
            let (code, served) = send(&app, "GET", &uri, None).await;
            assert_eq!(code, StatusCode::OK, "{name}");
            assert!(
                served.as_bytes() == bytes.as_slice(),
                "{name} differs from burden run's"
            );
        }
        assert_eq!(status["command"], info.reproduce.as_str());
    });
}

#[test]
fn a_comparison_gives_the_compare_command_and_its_differences() {
    block_on(async {
        let app = app();
        let ranam = default_scenario(&app).await;
        let body = format!(
            r#"{{"baseline": {{"scenario": {ranam}, "iterations": 30, "edits": [{{"key": "release.total", "value": "100"}}]}},
                "variant": {{"scenario": {ranam}, "edits": [{{"key": "release.total", "value": "100"}}, {{"key": "levy.resident_share", "value": "0"}}]}}}}"#
        );
        let (job, status) = compared(&app, body).await;
        assert_eq!(
            status["command"],
            "burden compare ranam-2020 --variant 'levy.resident_share=0' --set 'release.total=100' --seed 20201010 --iterations 30"
        );
        // What that command computes, by the command's own route.
        let shipped = std::path::PathBuf::from("ranam-2020");
        let sets = ["release.total=100".to_string()];
        let a = crate::cli::load_scenario(Some(&shipped), &sets).expect("A loads");
        let variant = [sets[0].clone(), "levy.resident_share=0".into()];
        let b = crate::cli::with_overrides(a.clone(), &variant[1..]).expect("B loads");
        let labels = crate::analysis::compare::labels(&[a.clone(), b.clone()], &variant[1..], &[]);
        assert_serves_the_comparison(&app, job, labels, [a, b], 30).await;
        assert!(
            status["html"]
                .as_str()
                .is_some_and(|h| h.contains("P(B worse)"))
        );
    });
}

/// Two different files, each with its own edit: the page's command line gives each its
/// own change with `--set-on`, and what that command computes is what the page served.
#[test]
fn a_comparison_of_two_edited_files_has_one_command_line() {
    block_on(async {
        let app = app();
        let (_, list) = send(&app, "GET", "/api/scenarios", None).await;
        let list = json(&list);
        let id = |name: &str| {
            list["scenarios"]
                .as_array()
                .and_then(|s| s.iter().find(|e| e["name"] == name))
                .and_then(|e| e["id"].as_u64())
                .unwrap_or_else(|| panic!("{name} listed"))
        };
        let (ranam, hyesan) = (id("ranam-2020"), id("hyesan-2012"));
        let body = format!(
            r#"{{"baseline": {{"scenario": {ranam}, "iterations": 20, "edits": [{{"key": "release.total", "value": "100"}}]}},
                "variant": {{"scenario": {hyesan}, "edits": [{{"key": "levy.resident_share", "value": "0"}}]}}}}"#
        );
        let (job, status) = compared(&app, body).await;
        assert_eq!(
            status["command"],
            "burden compare ranam-2020 hyesan-2012 --set-on A 'release.total=100' --set-on B 'levy.resident_share=0' --seed 20201010 --iterations 20"
        );
        // What that command computes, by the command's own route.
        let own = crate::analysis::compare::own_changes(
            &["A", "release.total=100", "B", "levy.resident_share=0"].map(String::from),
            2,
        )
        .expect("the pairs read");
        let a = crate::cli::load_scenario(Some(&"ranam-2020".into()), &own[0]).expect("A loads");
        let b = crate::cli::load_scenario(Some(&"hyesan-2012".into()), &own[1]).expect("B loads");
        let labels = crate::analysis::compare::labels(&[a.clone(), b.clone()], &[], &own);
        assert_eq!(labels[1], "hyesan-2012 levy.resident_share=0");
        assert_serves_the_comparison(&app, job, labels, [a, b], 20).await;
    });
}

/// Posts a comparison and waits for it to finish: its job and last status.
async fn compared(app: &axum::Router, body: String) -> (u64, serde_json::Value) {
    let (code, started) = send(app, "POST", "/api/compare", Some(body)).await;
    assert_eq!(code, StatusCode::ACCEPTED, "{started}");
    let job = json(&started)["job"].as_u64().expect("a job");
    let (status, _) = wait(app, job, Duration::from_secs(60)).await;
    assert_eq!(status["state"], "done");
    (job, status)
}

/// The finished job `job` served the `differences.csv` that `compare` gives for these
/// scenarios and labels, with A's seed and `iterations`.
async fn assert_serves_the_comparison(
    app: &axum::Router,
    job: u64,
    labels: Vec<String>,
    arms: [crate::scenario::Scenario; 2],
    iterations: u64,
) {
    let mut settings = crate::engine::RunSettings::from_scenario(&arms[0]);
    settings.iterations = iterations;
    let c = crate::analysis::compare::compare(
        labels.into_iter().zip(arms).collect(),
        &settings,
        &|| {},
    )
    .expect("the comparison");
    let expected = crate::output::compare::differences_csv(&c.differences);
    let (_, served) = send(
        app,
        "GET",
        &format!("/api/jobs/{job}/files/differences.csv"),
        None,
    )
    .await;
    assert!(
        served.as_bytes() == expected.as_slice(),
        "differences.csv differs"
    );
}
