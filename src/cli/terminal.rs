//! What a command says on the terminal: its progress bar, its results, and where its
//! files went (the files themselves are the output layer's).

use super::CliError;

/// A progress bar on a terminal (none when quiet or when stderr is not a terminal).
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(total: u64, message: &str, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        Progress((!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} iterations, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_message(message.to_string());
            b
        }))
    }

    /// One more iteration done.
    pub fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// The total changed (a `--precision` run plans block by block).
    pub fn set_total(&self, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// The last line of every command that writes: where, how long, what to open first.
pub fn written(dest: &std::path::Path, elapsed: std::time::Duration) -> String {
    format!(
        "Outputs written to {d}/ in {:.1} s. Open {d}/report.html first.\n",
        elapsed.as_secs_f64(),
        d = dest.display()
    )
}

/// Writes a command's files ([`crate::output::files::write_command`]) and, unless
/// quiet, prints `terminal` and where the files went.
pub fn write_outputs(
    staging: crate::output::folder::Staging,
    provenance: &crate::output::manifest::Provenance,
    data: Vec<(&str, Vec<u8>)>,
    charts: Option<&[crate::charts::Chart]>,
    report: &crate::report::Report,
    terminal: Option<String>,
) -> Result<(), CliError> {
    let dest = crate::output::files::write_command(staging, provenance, data, charts, report)?;
    if let Some(text) = terminal {
        say(&text);
        say(&written(&dest, provenance.started.elapsed()));
    }
    Ok(())
}

/// Writes the files of a sweep's, sensitivity's or discover's result (charts unless
/// `draw` is false) and, unless quiet, says what it found and where the files went.
pub fn write_result<R: crate::output::analysis::AnalysisOutputs>(
    result: &R,
    staging: crate::output::folder::Staging,
    provenance: &crate::output::manifest::Provenance,
    quiet: bool,
    draw: bool,
) -> Result<(), CliError> {
    let scenario = &provenance.scenarios[0];
    let charts = draw.then(|| result.charts()).transpose()?;
    let data = result.data(scenario, &provenance.reproduce);
    let report = result.report(charts.as_deref(), scenario, &provenance.reproduce);
    let terminal = (!quiet).then(|| result.terminal());
    write_outputs(
        staging,
        provenance,
        data,
        charts.as_deref(),
        &report,
        terminal,
    )
}

/// Writes a shard's folder and, unless quiet, says how to merge it.
pub fn write_shard(
    file: &crate::output::shard::ShardFile,
    staging: crate::output::folder::Staging,
    provenance: &crate::output::manifest::Provenance,
    quiet: bool,
) -> Result<(), CliError> {
    let dest = crate::output::shard::write(file, staging, provenance)?;
    if !quiet {
        say(&format!(
            "Shard {} written to {}/ in {:.1} s. When all {} are done: burden merge FOLDER... --out FOLDER\n",
            file.shard(),
            dest.display(),
            provenance.started.elapsed().as_secs_f64(),
            file.count
        ));
    }
    Ok(())
}

/// Writes generated text to standard output. A reader that stops early (`| head`)
/// is not an error.
pub fn print_stdout(bytes: &[u8]) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::running(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes to standard output; a reader that has gone away (`burden run | head`) is not an error.
pub fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}
