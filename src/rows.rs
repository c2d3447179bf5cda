//! Rows of numbers, one per iteration, kept on disk rather than in memory: the
//! audit trail of `iterations.csv` (each iteration's draws and total figures), whose
//! size grows with the number of iterations.
//!
//! The rows go to an anonymous temporary file (removed by the system when closed);
//! where none can be made they stay in memory. A failed write is kept and reported
//! when the rows are read back, so that no half-written file is presented as whole.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// Rows of `width` numbers, appended in order.
pub struct IterationRows {
    width: usize,
    len: usize,
    store: Store,
    error: Option<io::Error>,
}

enum Store {
    Writing(BufWriter<File>),
    Written(File),
    Memory(Vec<f64>),
}

impl IterationRows {
    /// Rows kept in an anonymous file in `dir` (the system's temporary folder when
    /// `None`), or in memory where no file can be made there.
    pub fn new(width: usize, dir: Option<&std::path::Path>) -> IterationRows {
        let file = match dir {
            Some(d) => tempfile::tempfile_in(d),
            None => tempfile::tempfile(),
        };
        let store = file
            .map(|f| Store::Writing(BufWriter::new(f)))
            .unwrap_or_else(|_| Store::Memory(Vec::new()));
        IterationRows {
            width,
            len: 0,
            store,
            error: None,
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends one row of [`IterationRows::width`] numbers.
    pub fn push(&mut self, row: &[f64]) {
        debug_assert_eq!(row.len(), self.width);
        self.len += 1;
        match &mut self.store {
            Store::Memory(v) => v.extend(row),
            Store::Writing(w) if self.error.is_none() => {
                for x in row {
                    if let Err(e) = w.write_all(&x.to_le_bytes()) {
                        self.error = Some(e);
                        break;
                    }
                }
            }
            _ => {}
        }
    }

    /// No more rows: flushes them to the file.
    pub fn finish(mut self) -> IterationRows {
        if let Store::Writing(w) = self.store {
            self.store = match w.into_inner() {
                Ok(f) => Store::Written(f),
                Err(e) => {
                    self.error.get_or_insert(e.into_error());
                    Store::Memory(Vec::new())
                }
            };
        }
        self
    }

    /// Calls `f` with each row, in order.
    pub fn for_each(&self, mut f: impl FnMut(&[f64]) -> io::Result<()>) -> io::Result<()> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(
                e.kind(),
                format!("the per-iteration rows could not be kept on disk: {e}"),
            ));
        }
        match &self.store {
            Store::Memory(v) => v.chunks(self.width.max(1)).try_for_each(f),
            Store::Writing(_) => Err(io::Error::other(
                "the rows were read before they were finished",
            )),
            Store::Written(file) => {
                let mut file = file;
                file.seek(SeekFrom::Start(0))?;
                let mut r = BufReader::new(file);
                let mut bytes = vec![0u8; self.width * 8];
                let mut row = vec![0.0; self.width];
                for _ in 0..self.len {
                    r.read_exact(&mut bytes)?;
                    for (x, b) in row.iter_mut().zip(bytes.chunks_exact(8)) {
                        let mut a = [0u8; 8];
                        a.copy_from_slice(b);
                        *x = f64::from_le_bytes(a);
                    }
                    f(&row)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_in_order_and_bit_for_bit() {
        let dir = tempfile::tempdir().unwrap();
        let mut rows = IterationRows::new(3, Some(dir.path()));
        let written: Vec<[f64; 3]> = (0..5000)
            .map(|i| [i as f64, 0.1 * i as f64, f64::NAN])
            .collect();
        written.iter().for_each(|r| rows.push(r));
        let rows = rows.finish();
        assert_eq!(rows.len(), 5000);
        let mut read = Vec::new();
        rows.for_each(|r| {
            read.push([r[0], r[1], r[2]]);
            Ok(())
        })
        .unwrap();
        assert_eq!(read.len(), written.len());
        for (a, b) in read.iter().zip(&written) {
            assert_eq!(a[0].to_bits(), b[0].to_bits());
            assert_eq!(a[1].to_bits(), b[1].to_bits());
            assert!(a[2].is_nan());
        }
    }
}
