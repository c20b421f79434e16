//! L2-regularized logistic regression, fitted by Newton's method on
//! standardized features: a few exact steps, no learning rate, no shuffling,
//! so the same rows always give the same weights. The summary scorer and
//! the quote model's calibration are fitted with it.

/// Newton steps at most; a fit converges in six to ten.
const STEPS: usize = 50;

/// A fitted model: the logit of a row is `bias + weights · row`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit<const N: usize> {
    pub bias: f32,
    pub weights: [f32; N],
}

/// Fits weights for `rows` labelled `labels`; `l2` is the penalty on the
/// squared standardized weights (the bias is free). A feature that never
/// varies gets weight 0.
pub fn fit<const N: usize>(rows: &[[f32; N]], labels: &[bool], l2: f64) -> Fit<N> {
    let n = rows.len().max(1) as f64;
    let mut mean = [0f64; N];
    let mut scale = [0f64; N];
    for row in rows {
        mean.iter_mut().zip(row).for_each(|(m, &x)| *m += f64::from(x) / n);
    }
    for row in rows {
        scale.iter_mut().zip(row).zip(&mean).for_each(|((s, &x), m)| *s += (f64::from(x) - m).powi(2) / n);
    }
    let used: Vec<usize> = (0..N).filter(|&j| scale[j] > 1e-12).collect();
    scale.iter_mut().for_each(|s| *s = s.sqrt());
    // Column 0 is the bias; column 1 + i is feature used[i], standardized.
    let dim = used.len() + 1;
    let design = |row: &[f32; N], out: &mut Vec<f64>| {
        out.clear();
        out.push(1.0);
        out.extend(used.iter().map(|&j| (f64::from(row[j]) - mean[j]) / scale[j]));
    };
    let mut beta = vec![0f64; dim];
    let mut x = Vec::with_capacity(dim);
    let loss = |beta: &[f64], x: &mut Vec<f64>| -> f64 {
        let data: f64 = rows
            .iter()
            .zip(labels)
            .map(|(row, &y)| {
                design(row, x);
                let z: f64 = beta.iter().zip(x.iter()).map(|(b, v)| b * v).sum();
                // log(1 + e^z) - y z, computed without overflow.
                z.max(0.0) + (-z.abs()).exp().ln_1p() - if y { z } else { 0.0 }
            })
            .sum();
        data + 0.5 * l2 * beta[1..].iter().map(|b| b * b).sum::<f64>()
    };
    let mut current = loss(&beta, &mut x);
    for _ in 0..STEPS {
        let mut gradient = vec![0f64; dim];
        let mut hessian = vec![0f64; dim * dim];
        for (row, &y) in rows.iter().zip(labels) {
            design(row, &mut x);
            let z: f64 = beta.iter().zip(&x).map(|(b, v)| b * v).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let (residual, w) = (p - f64::from(u8::from(y)), p * (1.0 - p));
            for a in 0..dim {
                gradient[a] += residual * x[a];
                for b in 0..=a {
                    hessian[a * dim + b] += w * x[a] * x[b];
                }
            }
        }
        for a in 1..dim {
            gradient[a] += l2 * beta[a];
            hessian[a * dim + a] += l2;
        }
        let Some(step) = solve(&mut hessian, &gradient, dim) else { break };
        // Halve the step until the loss falls: Newton overshoots far from the optimum.
        let mut factor = 1.0;
        let improved = loop {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, d)| b - factor * d).collect();
            let value = loss(&trial, &mut x);
            if value <= current {
                break Some((trial, value));
            }
            factor /= 2.0;
            if factor < 1e-4 {
                break None;
            }
        };
        let Some((trial, value)) = improved else { break };
        let moved = beta.iter().zip(&trial).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        (beta, current) = (trial, value);
        if moved < 1e-7 {
            break;
        }
    }
    // Back to raw features: w·(x - m)/s + b = (w/s)·x + (b - Σ w m / s).
    let mut weights = [0f32; N];
    let mut bias = beta[0];
    for (i, &j) in used.iter().enumerate() {
        let w = beta[i + 1] / scale[j];
        weights[j] = w as f32;
        bias -= w * mean[j];
    }
    Fit { bias: bias as f32, weights }
}

/// Solves `a x = b` for a symmetric positive-definite `a` of which the lower
/// triangle is filled, by Cholesky decomposition (in place).
fn solve(a: &mut [f64], b: &[f64], dim: usize) -> Option<Vec<f64>> {
    for j in 0..dim {
        let diagonal = a[j * dim + j] - (0..j).map(|k| a[j * dim + k].powi(2)).sum::<f64>();
        if diagonal <= 0.0 {
            return None;
        }
        a[j * dim + j] = diagonal.sqrt();
        for i in j + 1..dim {
            let dot: f64 = (0..j).map(|k| a[i * dim + k] * a[j * dim + k]).sum();
            a[i * dim + j] = (a[i * dim + j] - dot) / a[j * dim + j];
        }
    }
    let mut y = vec![0f64; dim];
    for i in 0..dim {
        y[i] = (b[i] - (0..i).map(|k| a[i * dim + k] * y[k]).sum::<f64>()) / a[i * dim + i];
    }
    for i in (0..dim).rev() {
        y[i] = (y[i] - (i + 1..dim).map(|k| a[k * dim + i] * y[k]).sum::<f64>()) / a[i * dim + i];
    }
    Some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_the_sign_and_ignores_constant_features() {
        // Feature 0 decides the label, feature 1 is noise, the rest never vary.
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..200 {
            let mut row = [0.5; 6];
            row[0] = (i % 10) as f32;
            row[1] = ((i * 7) % 13) as f32;
            rows.push(row);
            labels.push(i % 10 >= 7 || i % 31 == 0);
        }
        let fitted = fit(&rows, &labels, 1.0);
        assert!(fitted.weights[0] > 0.5, "{:?}", fitted.weights);
        assert!(fitted.weights[1].abs() < fitted.weights[0] / 5.0, "{:?}", fitted.weights);
        assert!(fitted.weights[2..].iter().all(|&w| w == 0.0));
        let logit = |row: &[f32; 6]| fitted.bias + fitted.weights.iter().zip(row).map(|(w, x)| w * x).sum::<f32>();
        let (high, low) = (logit(&rows[9]), logit(&rows[0]));
        assert!(high > 0.0 && low < 0.0, "{high} {low}");
        assert_eq!(fit(&rows, &labels, 1.0), fitted, "the fit is deterministic");
    }

    #[test]
    fn cholesky_solves_a_small_system() {
        let mut a = vec![4.0, 0.0, 2.0, 3.0];
        let x = solve(&mut a, &[2.0, 5.0], 2).unwrap();
        // [[4, 2], [2, 3]] x = [2, 5] -> x = [-0.5, 2].
        assert!((x[0] + 0.5).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12, "{x:?}");
    }
}
