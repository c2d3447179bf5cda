//! Scenario files: their structure, numeric inputs and distributions, loading and checking.
//!
//! A scenario is read from TOML into [`ScenarioFile`], checked (every problem becomes a
//! [`Diagnostic`] with file, line and column) and returned as a [`Scenario`]. The
//! [`world::resolve`] walk turns it into the numbers of one world.

/// The version of the scenario file format, shown by `burden --version`: it changes
/// when a file that loaded stops loading or comes to mean something else.
pub const FORMAT_VERSION: u32 = 2;

pub mod catalog;
pub mod correlation;
pub mod diagnostic;
pub mod dist;
pub mod input;
pub mod keys;
pub mod load;
pub mod overrides;
pub mod schema;
pub mod shape;
pub mod shipped;
pub mod suggest;
pub mod template;
pub mod types;
pub mod world;

pub use diagnostic::{Diagnostic, ScenarioError, Severity};
pub use dist::Dist;
pub use input::{Grade, Input};
pub use load::{
    DEFAULT_ORIGIN, DEFAULT_SCENARIO, InputInfo, LoadError, NAME_HELP, Scenario, load_arg,
    load_bytes, load_path, load_str, valid_name,
};
pub use shipped::{Source, shipped, shipped_names};
pub use types::*;
pub use world::{Domain, ParamVisitor, WorldParams, resolve};
