//! Position lookup speed: a query against all 88 positions (target: well
//! under 10 ms per query). `cargo bench --bench lookup`.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use danhgia::data::reference;
use danhgia::domain::lookup::{LookupIndex, PositionView};
use std::hint::black_box;

fn lookup(c: &mut Criterion) {
    let data = reference().expect("reference data");
    let index = LookupIndex::new(data);
    for q in ["chuyen vien chinh", "cmnv 26", "lai xe", "quan ly", "xyzzy"] {
        c.bench_function(&format!("lookup {q:?}"), |b| {
            b.iter(|| {
                let hits = index.search(black_box(q));
                // What the CLI and the overlay do with the best hit.
                hits.first()
                    .and_then(|h| PositionView::new(data, h.position))
                    .map(|v| v.competencies.len())
            })
        });
    }
    c.bench_function("lookup index build", |b| {
        b.iter(|| LookupIndex::new(black_box(data)))
    });
}

criterion_group!(benches, lookup);
criterion_main!(benches);
