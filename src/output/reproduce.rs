//! The one builder of "reproduce" commands: the command line that gives the same
//! numbers, with every argument quoted for a POSIX shell.

/// A `burden` command being built, e.g. `burden run FILE --seed 1 --iterations 100`.
#[derive(Debug, Clone)]
pub struct Reproduce {
    words: Vec<String>,
}

impl Reproduce {
    /// `burden <command>`.
    pub fn new(command: &str) -> Reproduce {
        Reproduce {
            words: vec!["burden".into(), command.into()],
        }
    }

    /// A positional argument, such as a scenario file.
    pub fn arg(mut self, value: &str) -> Reproduce {
        self.words.push(value.to_string());
        self
    }

    /// The scenario file, unless it is the built-in scenario (given by no file).
    pub fn scenario(self, sc: &crate::scenario::Scenario) -> Reproduce {
        if sc.origin == crate::scenario::DEFAULT_ORIGIN {
            self
        } else {
            self.arg(&sc.origin)
        }
    }

    /// `--name value`.
    pub fn option(mut self, name: &str, value: impl std::fmt::Display) -> Reproduce {
        self.words.push(format!("--{name}"));
        self.words.push(value.to_string());
        self
    }

    /// `--seed S --iterations N`: what makes the numbers the same.
    pub fn seeded(self, settings: &crate::engine::RunSettings) -> Reproduce {
        self.option("seed", settings.seed)
            .option("iterations", settings.iterations)
    }

    /// `--name value` for each value.
    pub fn options(self, name: &str, values: &[String]) -> Reproduce {
        values.iter().fold(self, |r, v| r.option(name, v))
    }

    /// `--name first second` for each pair.
    pub fn pairs(self, name: &str, values: &[(String, String)]) -> Reproduce {
        values.iter().fold(self, |mut r, (a, b)| {
            r.words.extend([format!("--{name}"), a.clone(), b.clone()]);
            r
        })
    }

    /// The command as one line a shell reads back into the same words.
    pub fn line(&self) -> String {
        shell_words::join(&self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shell_reads_the_line_back_into_the_same_words() {
        let r = Reproduce::new("run")
            .arg("my scenario.toml")
            .option("seed", 7)
            .options(
                "set",
                &["levy.resident_share=0 to 0.3".into(), "it's".into()],
            );
        let line = r.line();
        assert!(
            line.starts_with("burden run 'my scenario.toml' --seed 7"),
            "{line}"
        );
        let words = shell_words::split(&line).unwrap_or_default();
        assert_eq!(words[6], "levy.resident_share=0 to 0.3");
        assert_eq!(words[8], "it's");
    }
}
