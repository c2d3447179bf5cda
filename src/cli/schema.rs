//! `burden schema`: print the JSON Schema of scenario files, for editors.

use clap::Args;

use super::{CliError, print_stdout};
use crate::scenario::schema;

#[derive(Debug, Args)]
#[command(
    after_help = "Shipped scenarios start with `#:schema ../docs/scenario.schema.json`, \
so that editors with Even Better TOML (taplo) check and complete them. To refresh the \
committed copy: burden schema > docs/scenario.schema.json"
)]
pub struct SchemaArgs {}

pub fn schema(_: SchemaArgs) -> Result<(), CliError> {
    print_stdout(schema::scenario_schema_text().as_bytes())
}
