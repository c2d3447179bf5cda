//! `burden`: a Monte Carlo simulator of the food strain that people released in an
//! amnesty put on the residents ordered to keep them.
//!
//! Data flows one way:
//!
//! * [`scenario`]: the TOML scenario file, its inputs and distributions, checks with spans;
//! * [`model`]: one iteration of the world (households, release, levy, sharing, incidents);
//! * [`budget`]: the memory and work a run needs, checked before computing;
//! * [`engine`]: seeds and streams, iterations in parallel, results in iteration order;
//! * [`stats`]: quantiles and Monte Carlo error;
//! * [`summary`]: the metrics per [`scope`] (district, wealth group, total) across iterations;
//! * [`roles`]: who bore the burden: figures per household role across iterations;
//! * [`analysis`]: compare, sweep, sensitivity and convergence across runs;
//! * [`output`]: CSV, JSON and the manifest, written atomically;
//! * [`charts`]: PNG and SVG charts with an embedded font;
//! * [`report`]: the HTML and Markdown report;
//! * [`cli`]: the command line;
//! * [`serve`]: `burden serve`, the local page.

pub mod analysis;
pub mod budget;
pub mod charts;
pub mod cli;
pub mod engine;
pub mod format;
pub mod model;
pub mod output;
pub mod report;
pub mod roles;
pub mod rows;
pub mod scenario;
pub mod scope;
pub mod serve;
pub mod stats;
pub mod summary;
