//! Runs every `burden` command the README shows (with few iterations, in a temporary
//! folder) and the examples of `--help`, and checks the figures the README quotes.
//! A README line that is a synopsis (with placeholders such as `[SCENARIO.toml]`)
//! stands for the concrete commands listed here; a new synopsis line fails the test
//! until it is given one.

use std::path::Path;

use crate::support::{burden, read, repo, success};

/// Synopsis lines of the README and the concrete commands run for them.
const SYNOPSES: &[(&str, &[&str])] = &[
    (
        "burden run [SCENARIO.toml] [--iterations N] [--seed S] [--threads T] [--out DIR] [--quiet] [--no-charts] [--format json]",
        &[
            "burden run hyesan-2012 --iterations 30 --seed 7 --threads 2 --out out/h --quiet --format json",
            "burden run hyesan-2012 --iterations 30 --out out/h-no-charts --quiet --no-charts",
        ],
    ),
    (
        "burden run [SCENARIO.toml] --precision 0.01 [--max-iterations 100000]",
        &["burden run --precision 0.5 --max-iterations 200 --out out/p --quiet"],
    ),
    (
        "burden validate FILE...",
        &["burden validate ranam-2020 hyesan-2012"],
    ),
    (
        "burden explain [SCENARIO.toml]",
        &["burden explain", "burden explain dprk-2020"],
    ),
    (
        "burden compare A.toml B.toml [C.toml ...]",
        &["burden compare ranam-2020 hyesan-2012"],
    ),
    (
        "burden compare A.toml --variant levy.resident_share=0",
        &["burden compare ranam-2020 --variant levy.resident_share=0"],
    ),
    (
        "burden compare A.toml B.toml --set-on B levy.resident_share=0",
        &["burden compare ranam-2020 hyesan-2012 --set-on B levy.resident_share=0"],
    ),
    (
        "burden sweep [SCENARIO.toml] --set release.total=1000..10000:1000 [--set KEY=A,B,C]",
        &["burden sweep --set release.total=1000..10000:3000 --set levy.resident_share=0,1"],
    ),
    (
        "burden sensitivity [SCENARIO.toml] [-n 1000] [--district NAME]",
        &[
            "burden sensitivity -n 200",
            "burden sensitivity dprk-2020 -n 100 --district Kangwon -q",
        ],
    ),
    (
        "burden discover [SCENARIO.toml] --metric NAME --above X|--below X|--top P",
        &[
            "burden discover -n 200 -q --metric survival_deficit_attributable --top 0.2 --permutations 19",
        ],
    ),
    (
        "burden merge DIR... --out DIR [--quiet]",
        &[
            "burden sweep -n 20 -q --set release.total=10,20,30 --shard 1/2 --out shard1",
            "burden sweep -n 20 -q --set release.total=10,20,30 --shard 2/2 --out shard2",
            "burden merge shard1 shard2 --out merged --quiet",
        ],
    ),
    (
        "burden init NAME [--from SCENARIO] [--force]",
        &["burden init mine --from hyesan-2012 --force"],
    ),
    (
        "burden completions bash|zsh|fish|powershell",
        &["burden completions bash", "burden completions powershell"],
    ),
    ("burden man [COMMAND]", &["burden man", "burden man run"]),
    (
        "burden COMMAND --help",
        &["burden run --help", "burden sweep --help"],
    ),
];

/// The `--set` examples of `burden --help`.
const HELP_SETS: &[&str] = &[
    "release.total=7000",
    "levy.resident_share=0.2 to 0.6",
    "levy.resident_share={ uniform = [0, 0.3] }",
    "district.Ranam.population=90000",
];

/// Splits a shell line into words (single quotes group; no other shell syntax).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// The `burden` lines of the README's sh blocks, without their comments.
fn readme_commands() -> Vec<String> {
    let text = read(&repo("README.md"));
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            inside = line == "```sh";
            continue;
        }
        if inside && line.starts_with("burden ") {
            let command = line.split("  #").next().unwrap_or(line).trim();
            lines.push(command.to_string());
        }
    }
    lines
}

fn is_synopsis(line: &str) -> bool {
    line.contains(['[', '|'])
        || line.contains("FILE")
        || line.contains("A.toml")
        || line.contains("COMMAND")
}

/// Runs one command line in `dir`, with few iterations where it matters.
fn run_line(dir: &Path, line: &str) -> String {
    let mut args = words(line);
    assert_eq!(args.remove(0), "burden", "{line}");
    let simulates = matches!(
        args.first().map(String::as_str),
        Some("run" | "compare" | "sweep")
    );
    let has_n = args.iter().any(|a| a == "-n" || a == "--iterations");
    if simulates && !has_n && !args.iter().any(|a| a == "--precision") {
        args.extend(["-n".into(), "50".into(), "--quiet".into()]);
    }
    success(burden().current_dir(dir).args(&args))
}

/// The median of a metric for all districts and wealth groups in a districts.csv.
fn total_median(csv: &str, metric: &str) -> f64 {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (scope, m, med) = (col("scope"), col("metric"), col("median"));
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[scope] == "total" && r[m] == metric)
        .and_then(|r| r[med].parse().ok())
        .unwrap_or_else(|| panic!("no total row for {metric}"))
}

#[test]
fn every_readme_command_runs_and_its_quoted_figures_hold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let commands = readme_commands();
    assert!(commands.len() >= 15, "{commands:?}");
    for line in commands.iter().filter(|l| is_synopsis(l)) {
        assert!(
            SYNOPSES.iter().any(|(s, _)| s == line),
            "README synopsis `{line}` has no concrete command in tests/cli/readme.rs"
        );
    }
    // The walkthrough in order: copy twice, edit one line in each, check, run, compare.
    for line in commands.iter().filter(|l| !is_synopsis(l)) {
        let out = run_line(dir.path(), line);
        if line.starts_with("burden init ") {
            let name = words(line)[2].clone();
            let path = dir.path().join(format!("{name}.toml"));
            let text = read(&path);
            let value = if name.contains("state") { 0 } else { 1 };
            let edited = text.lines().map(|l| {
                if l.starts_with("resident_share =") {
                    format!("resident_share = {{ value = {value}, source = \"what-if\", grade = \"E\" }}")
                } else {
                    l.to_string()
                }
            }).collect::<Vec<_>>().join("\n");
            assert_ne!(edited, text, "{name} has no resident_share line to edit");
            std::fs::write(&path, edited).expect("written");
        }
        if line.starts_with("burden validate ranam-residents-pay.toml") {
            assert!(
                out.contains("ok: ranam-state-pays.toml (ranam-state-pays: 1 district, "),
                "{out}"
            );
        }
        if line == "burden --version" {
            assert_eq!(
                out.trim(),
                format!("burden {} (scenario format 2)", env!("CARGO_PKG_VERSION"))
            );
        }
    }
    // The figures the README quotes: nobody is levied when the state pays, and
    // residents who pay are levied something.
    let state = read(&dir.path().join("output/ranam-state-pays/districts.csv"));
    assert_eq!(total_median(&state, "levy_kg_per_levied_household"), 0.0);
    let residents = read(&dir.path().join("output/ranam-residents-pay/districts.csv"));
    assert!(total_median(&residents, "levy_kg_per_levied_household") > 0.0);
    for (_, concrete) in SYNOPSES {
        for line in *concrete {
            run_line(dir.path(), line);
        }
    }
}

#[test]
fn the_help_examples_run() {
    let help = success(burden().arg("--help"));
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let dir = tempfile::tempdir().expect("temp dir");
    for set in HELP_SETS {
        assert!(
            flat.contains(&format!("--set '{set}'")) || flat.contains(&format!("--set {set}")),
            "`--set {set}` is not among the --help examples:\n{help}"
        );
        success(
            burden()
                .current_dir(dir.path())
                .args(["validate", "ranam-2020", "--set", set]),
        );
    }
    // `burden init --help`'s examples, in order (the last copies a file to a path).
    std::fs::create_dir(dir.path().join("studies")).expect("folder");
    std::fs::write(
        dir.path().join("old.toml"),
        read(&repo("scenarios/hyesan-2012.toml")),
    )
    .expect("written");
    for line in [
        "burden init ranam-state-pays",
        "burden init hyesan-copy --from hyesan-2012",
        "burden init studies/mine.toml --from old.toml",
    ] {
        assert!(
            success(burden().args(["init", "--help"])).contains(&line[7..]),
            "{line}"
        );
        run_line(dir.path(), line);
    }
}
