//! Rank correlations between uncertain inputs (`[[correlation]]`): their checks, and
//! the Gaussian copula that carries them.
//!
//! Each pair's rank correlation r (Spearman's) becomes the correlation of the
//! underlying normals, ρ = 2·sin(π·r/6), which gives exactly r after each normal is
//! turned into a uniform and then into the input's own distribution. The matrix of the
//! ρ over every input that appears in some correlation must be positive definite (some
//! joint distribution has all the pairs at once); its Cholesky factor L turns
//! independent standard normals z into correlated ones, L·z. The engine draws z within
//! each iteration (`Sampler` in `model`), so iterations stay independent of each other.

use std::collections::HashMap;
use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::load::Scenario;
use super::overrides::SET_SOURCE;
use super::suggest::did_you_mean;

/// The smallest pivot of the Cholesky factor for a matrix to count as positive definite.
const MIN_PIVOT: f64 = 1e-9;

/// The correlated inputs of a scenario and the factor of their normal correlation matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Copula {
    /// Indexed dotted paths (as `iterations.csv` names them), in order of first mention.
    pub paths: Vec<String>,
    /// The lower Cholesky factor, row by row (row i has i + 1 entries).
    pub factor: Vec<Vec<f64>>,
    /// Each pair asked for: the indices of its inputs in `paths`, and its rank correlation.
    pub pairs: Vec<(usize, usize, f64)>,
}

impl Copula {
    /// Where `path` stands among the correlated inputs.
    pub fn index(&self, path: &str) -> Option<usize> {
        self.paths.iter().position(|p| p == path)
    }

    /// Correlated standard normals L·z from independent ones.
    pub fn correlate(&self, z: &[f64]) -> Vec<f64> {
        self.factor
            .iter()
            .map(|row| row.iter().zip(z).map(|(l, z)| l * z).sum())
            .collect()
    }
}

/// How many copula draws `explain` measures achieved rank correlations on.
pub const ACHIEVED_DRAWS: u64 = 4000;

impl Copula {
    /// The rank correlation each pair achieves over iterations 0 to `n` − 1 of `seed`
    /// (the draws the engine makes), in the order of `pairs`.
    pub fn achieved(&self, seed: u64, n: u64) -> Vec<f64> {
        let draws: Vec<Vec<f64>> = (0..n)
            .map(|i| crate::model::correlated_uniforms(self, seed, i))
            .collect();
        let column = |k: usize| draws.iter().map(|d| d[k]).collect::<Vec<f64>>();
        self.pairs
            .iter()
            .map(|&(a, b, _)| crate::analysis::sensitivity::spearman(&column(a), &column(b)))
            .collect()
    }
}

/// The correlation of the normals that gives rank correlation `rank` through a Gaussian copula.
pub fn normal_correlation(rank: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rank / 6.0).sin()
}

/// The lower Cholesky factor of a symmetric matrix, or `None` when it is not positive definite.
pub fn cholesky(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = m.len();
    let mut l: Vec<Vec<f64>> = Vec::with_capacity(n);
    for i in 0..n {
        let mut row = vec![0.0; i + 1];
        for j in 0..i {
            let dot: f64 = (0..j).map(|k| row[k] * l[j][k]).sum();
            row[j] = (m[i][j] - dot) / l[j][j];
        }
        let pivot = m[i][i] - row[..i].iter().map(|x| x * x).sum::<f64>();
        if pivot.is_nan() || pivot <= MIN_PIVOT {
            return None;
        }
        row[i] = pivot.sqrt();
        l.push(row);
    }
    Some(l)
}

/// The normal correlation matrix of `n` inputs with the given pairs.
fn matrix(n: usize, pairs: &[(usize, usize, f64)]) -> Vec<Vec<f64>> {
    let mut m: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for &(a, b, rank) in pairs {
        let rho = normal_correlation(rank);
        m[a][b] = rho;
        m[b][a] = rho;
    }
    m
}

/// The rank of the same sign as `pairs`' last one, of largest size, that keeps the
/// matrix positive definite with the other pairs fixed, rounded towards zero to two
/// decimals. The other pairs must be positive definite on their own.
fn largest_valid(n: usize, pairs: &[(usize, usize, f64)]) -> f64 {
    let Some((&(a, b, rank), others)) = pairs.split_last() else {
        return 0.0;
    };
    let fits = |r: f64| {
        let mut all = others.to_vec();
        all.push((a, b, r));
        cholesky(&matrix(n, &all)).is_some()
    };
    let (mut lo, mut hi) = (0.0, rank.abs());
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if fits(mid * rank.signum()) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo * 100.0).floor() / 100.0 * rank.signum()
}

/// One check's finding: where and what.
type Finding = (Range<usize>, String, Option<String>);

/// Checks the scenario's `[[correlation]]` sections and builds their copula (`None`
/// without any). A correlation of an input that `--set` fixed is dropped: the input no
/// longer varies.
pub fn build(sc: &Scenario) -> Result<Option<Copula>, Vec<Diagnostic>> {
    let mut findings: Vec<Finding> = Vec::new();
    let uncertain: Vec<&str> = sc.uncertain_paths();
    let mut paths: Vec<String> = Vec::new();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for c in &sc.file.correlation {
        let c = c.get_ref();
        let names = c.inputs.get_ref();
        if names.len() != 2 {
            findings.push((
                c.inputs.span(),
                format!("a correlation names two inputs; this one names {}", names.len()),
                Some("write `inputs = [\"release.total\", \"release.share_homeless\"]`, and one [[correlation]] for each pair".into()),
            ));
            continue;
        }
        let mut found = Vec::new();
        for name in names {
            match resolve_input(sc, name.get_ref(), &uncertain) {
                Ok(Some(path)) => found.push(path),
                Ok(None) => {}
                Err((message, help)) => findings.push((name.span(), message, Some(help))),
            }
        }
        let [a, b] = found.as_slice() else {
            continue;
        };
        if a == b {
            findings.push((
                c.inputs.span(),
                format!("`{a}` is correlated with itself"),
                Some("name two different inputs".into()),
            ));
            continue;
        }
        let rank = *c.rank.get_ref();
        if !(rank.is_finite() && rank.abs() < 1.0) {
            findings.push((
                c.rank.span(),
                format!("rank is {rank}; a rank correlation must be more than -1 and less than 1"),
                Some("0.3 is a weak tie, 0.6 a clear one, 0.9 nearly lockstep; a negative rank means one rises as the other falls".into()),
            ));
            continue;
        }
        let key = if a < b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        if let Some(&start) = seen.get(&key) {
            let line = sc.text[..start].lines().count().max(1);
            findings.push((
                c.inputs.span(),
                format!("`{a}` and `{b}` are already correlated (line {line})"),
                Some("keep one [[correlation]] for each pair".into()),
            ));
            continue;
        }
        seen.insert(key, c.inputs.span().start);
        let mut at = |p: &String| match paths.iter().position(|q| q == p) {
            Some(i) => i,
            None => {
                paths.push(p.clone());
                paths.len() - 1
            }
        };
        let (ia, ib) = (at(a), at(b));
        pairs.push((ia, ib, rank));
        spans.push(c.rank.span());
    }
    if findings.is_empty() {
        // Pairs are added in file order; the first that breaks the matrix is named.
        for k in 0..pairs.len() {
            if cholesky(&matrix(paths.len(), &pairs[..=k])).is_none() {
                let (a, b, rank) = pairs[k];
                let valid = largest_valid(paths.len(), &pairs[..=k]);
                findings.push((
                    spans[k].clone(),
                    format!(
                        "rank = {rank} between `{}` and `{}` cannot hold together with the correlations above it: the correlation matrix is not positive definite, so no joint distribution has them all",
                        paths[a], paths[b]
                    ),
                    Some(format!(
                        "with the correlations above as written, the strongest rank of this sign that fits is {valid}: use it or a weaker one, or weaken the others"
                    )),
                ));
                break;
            }
        }
    }
    if !findings.is_empty() {
        return Err(findings
            .into_iter()
            .map(|(span, message, help)| {
                Diagnostic::error(&sc.origin, &sc.text, span, message, help)
            })
            .collect());
    }
    if pairs.is_empty() {
        return Ok(None);
    }
    let factor = cholesky(&matrix(paths.len(), &pairs)).unwrap_or_default();
    Ok(Some(Copula {
        paths,
        factor,
        pairs,
    }))
}

/// The indexed path of input `name` (indexed or named form), `None` for an input that
/// `--set` fixed, or the message and help when it is no uncertain input.
fn resolve_input(
    sc: &Scenario,
    name: &str,
    uncertain: &[&str],
) -> Result<Option<String>, (String, String)> {
    let info = sc
        .inputs
        .iter()
        .find(|i| i.path == name || sc.named_path(&i.path) == name);
    match info {
        Some(i) if i.input.is_uncertain() => Ok(Some(i.path.clone())),
        Some(i) if i.input.source.as_deref() == Some(SET_SOURCE) => Ok(None),
        Some(i) => Err((
            format!(
                "`{name}` is a fixed number ({}), so nothing can move with it",
                i.input.dist.describe()
            ),
            "give it a distribution (a range `\"a to b\"` or a table such as `{ uniform = [a, b] }`), or remove this [[correlation]]".into(),
        )),
        None => {
            let named: Vec<String> = uncertain.iter().map(|p| sc.named_path(p)).collect();
            let candidates: Vec<&str> = uncertain
                .iter()
                .copied()
                .chain(named.iter().map(String::as_str))
                .collect();
            let help = match did_you_mean(name, &candidates) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name an input as iterations.csv does (`release.total`, `district[0].population`); `burden explain FILE` lists the uncertain ones".into(),
            };
            Err((format!("`{name}` is not an input of this scenario"), help))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_to_normal_by_hand() {
        // 2·sin(π/12) = 0.517638..., 2·sin(π·0.8/6) = 2·sin(0.418879) = 0.813473...
        assert!((normal_correlation(0.5) - 0.517_638_090).abs() < 1e-8);
        assert!((normal_correlation(0.8) - 0.813_473_286).abs() < 1e-8);
        assert_eq!(normal_correlation(0.0), 0.0);
        assert!((normal_correlation(1.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn cholesky_of_two_by_two_by_hand() {
        let l = cholesky(&[vec![1.0, 0.6], vec![0.6, 1.0]]).unwrap();
        assert!((l[1][0] - 0.6).abs() < 1e-12);
        assert!((l[1][1] - 0.8).abs() < 1e-12);
        assert!(cholesky(&[vec![1.0, 1.0], vec![1.0, 1.0]]).is_none());
    }

    #[test]
    fn largest_valid_rank_by_hand() {
        // Normals a, b, c with corr(a,b) = corr(a,c) = 0.6: the determinant
        // 1 − 2·0.36 − x² + 2·0.36·x is positive for x = corr(b,c) in (2·0.36 − 1, 1) =
        // (−0.28, 1). In ranks, −0.28 is (6/π)·asin(−0.14) = −0.2681, so −0.26 at two
        // decimals, rounded towards zero.
        let r06 = 6.0 / std::f64::consts::PI * (0.3_f64).asin();
        let pairs = [(0, 1, r06), (0, 2, r06), (1, 2, -0.5)];
        assert!(cholesky(&matrix(3, &pairs)).is_none());
        assert_eq!(largest_valid(3, &pairs), -0.26);
        assert!(cholesky(&matrix(3, &[(0, 1, r06), (0, 2, r06), (1, 2, -0.26)])).is_some());
    }

    #[test]
    fn correlate_keeps_unit_variance() {
        let factor = cholesky(&matrix(2, &[(0, 1, 0.8)])).unwrap();
        let c = Copula {
            paths: vec!["a".into(), "b".into()],
            factor,
            pairs: vec![(0, 1, 0.8)],
        };
        let w = c.correlate(&[1.0, 0.0]);
        assert!((w[1] - normal_correlation(0.8)).abs() < 1e-12);
    }
}
