//! An ordered parallel map without barriers: workers take items in order
//! and work on them as soon as they are free; the calling thread receives
//! the results one by one *in item order* and consumes them (writes rows)
//! while the workers go on. How far the workers may run ahead of the
//! consumer is bounded by a number of items and a total weight (input
//! bytes), so memory stays bounded however many items there are.
//!
//! Compared with cutting the items into chunks (`par_iter().collect()` per
//! chunk), no thread waits at a chunk's end for the chunk's slowest item.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

/// How far ahead of the consumer the workers may run.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Items taken but not yet consumed, at most.
    pub items: usize,
    /// Their total weight, at most — except that the item the consumer
    /// waits for is always started, whatever its weight.
    pub weight: u64,
}

/// A worker thread could not be started.
#[derive(Debug)]
pub struct SpawnError(pub std::io::Error);

impl From<SpawnError> for crate::Error {
    fn from(e: SpawnError) -> crate::Error {
        crate::Error::Threads(e.0)
    }
}

struct State<I, R> {
    /// The items not handed out yet, and how many were.
    items: I,
    taken: usize,
    /// Total weight of the items handed out.
    taken_weight: u64,
    /// Items consumed so far (the consumer waits for item `consumed`), and
    /// their total weight.
    consumed: usize,
    consumed_weight: u64,
    /// Finished results not consumed yet, with their items' weights.
    ready: BTreeMap<usize, (R, u64)>,
    /// No item left.
    exhausted: bool,
    /// The consumer stopped (an error), or a worker died: everyone leaves.
    stop: bool,
}

struct Shared<I, R> {
    state: Mutex<State<I, R>>,
    changed: Condvar,
}

impl<I, R> Shared<I, R> {
    fn lock(&self) -> std::sync::MutexGuard<'_, State<I, R>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Sets `stop` if a worker unwinds, so that the consumer does not wait for
/// a result that will never come.
struct StopOnUnwind<'a, I, R>(&'a Shared<I, R>);

impl<I, R> Drop for StopOnUnwind<'_, I, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().stop = true;
            self.0.changed.notify_all();
        }
    }
}

/// Runs `work` on every item on `threads` worker threads (scoped threads
/// of their own, with a stack of `stack` bytes) and passes the results to
/// `consume` on the calling thread, in item order. Each worker owns a state
/// made by `init` and handed to each of its calls of `work` (a partial sum,
/// say); the states are returned at the end, in no particular order. Items
/// are drawn from `items` one at a time (under a lock: drawing should be
/// cheap, e.g. a slice or reading a record); `weight` gives each item's
/// weight for the [`Window`]. Stops at the first error of `consume` and
/// returns it. If `work` panics, the panic is propagated once the workers
/// have stopped; a worker that cannot be started is an error.
///
/// The workers are not rayon's: work inside `work` may use rayon's pools
/// freely (a worker that waits for room in the window never holds a rayon
/// thread).
///
/// ```
/// use duolex_pipeline::engine::ordered::{map_in_order, Window};
/// let mut seen = Vec::new();
/// let window = Window { items: 8, weight: 1_000 };
/// let sums = map_in_order(2, 1 << 20, 0..100u64, |x| *x, window, || 0u64, |sum, x| {
///     *sum += x;
///     x * x
/// }, |i, sq| {
///     seen.push((i, sq));
///     Ok::<(), duolex_pipeline::Error>(())
/// })
/// .unwrap();
/// assert_eq!(seen, (0..100).map(|i| (i as usize, i * i)).collect::<Vec<_>>());
/// assert_eq!(sums.iter().sum::<u64>(), 4950);
/// ```
#[allow(clippy::too_many_arguments)]
pub fn map_in_order<I, S, R, E>(
    threads: usize,
    stack: usize,
    items: I,
    weight: impl Fn(&I::Item) -> u64 + Sync,
    window: Window,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, I::Item) -> R + Sync,
    mut consume: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<Vec<S>, E>
where
    I: Iterator + Send,
    S: Send,
    R: Send,
    E: From<SpawnError>,
{
    let shared = Shared {
        state: Mutex::new(State {
            items,
            taken: 0,
            taken_weight: 0,
            consumed: 0,
            consumed_weight: 0,
            ready: BTreeMap::new(),
            exhausted: false,
            stop: false,
        }),
        changed: Condvar::new(),
    };
    let worker = || {
        let _guard = StopOnUnwind(&shared);
        let mut state = init();
        loop {
            let (i, item, w) = {
                let mut s = shared.lock();
                if s.stop || s.exhausted {
                    return state;
                }
                let Some(item) = s.items.next() else {
                    s.exhausted = true;
                    drop(s);
                    shared.changed.notify_all();
                    return state;
                };
                let (i, w, before) = (s.taken, weight(&item), s.taken_weight);
                s.taken += 1;
                s.taken_weight += w;
                // Wait for room: the consumer's next item always has it.
                while !s.stop
                    && i != s.consumed
                    && (i >= s.consumed + window.items.max(1)
                        || before + w - s.consumed_weight > window.weight)
                {
                    s = shared.changed.wait(s).unwrap_or_else(|e| e.into_inner());
                }
                if s.stop {
                    return state;
                }
                (i, item, w)
            };
            let r = work(&mut state, item);
            shared.lock().ready.insert(i, (r, w));
            shared.changed.notify_all();
        }
    };
    let stop = || {
        shared.lock().stop = true;
        shared.changed.notify_all();
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads.max(1) {
            let spawned = std::thread::Builder::new()
                .stack_size(stack)
                .spawn_scoped(scope, worker);
            match spawned {
                Ok(h) => handles.push(h),
                Err(e) => {
                    stop();
                    return Err(E::from(SpawnError(e)));
                }
            }
        }
        let mut result = Ok(());
        for i in 0.. {
            let r = {
                let mut s = shared.lock();
                loop {
                    if let Some(r) = s.ready.remove(&i) {
                        break Some(r);
                    }
                    if s.stop || (s.exhausted && i >= s.taken) {
                        break None;
                    }
                    s = shared.changed.wait(s).unwrap_or_else(|e| e.into_inner());
                }
            };
            // All done, or a worker died (its panic is propagated below).
            let Some((r, w)) = r else { break };
            if let Err(e) = consume(i, r) {
                result = Err(e);
                break;
            }
            let mut s = shared.lock();
            s.consumed = i + 1;
            s.consumed_weight += w;
            drop(s);
            shared.changed.notify_all();
        }
        // Done or failed: release the workers still waiting for room.
        stop();
        let states: Vec<S> = handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        result.map(|()| states)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `map_in_order` with stateless workers on `threads` threads.
    fn map<I, R, E>(
        threads: usize,
        items: I,
        weight: impl Fn(&I::Item) -> u64 + Sync,
        window: Window,
        work: impl Fn(I::Item) -> R + Sync,
        consume: impl FnMut(usize, R) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: Iterator + Send,
        R: Send,
        E: From<SpawnError>,
    {
        let work = |_: &mut (), item| work(item);
        map_in_order(
            threads,
            1 << 20,
            items,
            weight,
            window,
            || (),
            work,
            consume,
        )
        .map(|_| ())
    }

    #[derive(Debug, PartialEq)]
    struct Failed(&'static str);

    impl From<SpawnError> for Failed {
        fn from(_: SpawnError) -> Self {
            Failed("thread")
        }
    }

    #[test]
    fn results_come_in_order_whatever_the_work_time() {
        let items: Vec<u64> = (0..300).collect();
        for threads in [1, 2, 4] {
            let mut got = Vec::new();
            let window = Window {
                items: 5,
                weight: 40,
            };
            // Uneven work: some items take much longer than others.
            let work = |x: u64| {
                if x % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                x + 1
            };
            map(
                threads,
                items.iter().copied(),
                |x| x % 13,
                window,
                work,
                |i, r| {
                    got.push((i, r));
                    Ok::<(), crate::Error>(())
                },
            )
            .unwrap();
            let want: Vec<(usize, u64)> = (0..300).map(|i| (i as usize, i + 1)).collect();
            assert_eq!(got, want, "{threads} threads");
        }
    }

    #[test]
    fn the_window_bounds_what_is_in_flight() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<u64> = (0..200).collect();
        let started = AtomicUsize::new(0);
        let mut max_ahead = 0;
        let window = Window {
            items: 6,
            weight: 1_000_000,
        };
        let work = |_: &u64| {
            started.fetch_add(1, Ordering::SeqCst);
        };
        map(
            4,
            items.iter(),
            |_| 1,
            window,
            work,
            |i, ()| {
                let ahead = started.load(Ordering::SeqCst) - i;
                max_ahead = max_ahead.max(ahead);
                Ok::<(), crate::Error>(())
            },
        )
        .unwrap();
        assert!(max_ahead <= 6, "{max_ahead} items started ahead");
        // A heavy item (over the weight limit) still goes through.
        let heavy = [5u64, 500, 5];
        let window = Window {
            items: 4,
            weight: 10,
        };
        let mut got = Vec::new();
        map(
            2,
            heavy.iter().copied(),
            |x| *x,
            window,
            |x| x,
            |_, r| {
                got.push(r);
                Ok::<(), crate::Error>(())
            },
        )
        .unwrap();
        assert_eq!(got, heavy);
    }

    #[test]
    fn an_error_stops_everything_and_is_returned() {
        let items: Vec<u64> = (0..1000).collect();
        let window = Window {
            items: 8,
            weight: 100,
        };
        let mut consumed = 0;
        let r = map(
            2,
            items.iter(),
            |_| 1,
            window,
            |x| *x,
            |i, _| {
                consumed += 1;
                if i == 10 {
                    Err(Failed("full disk"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err(Failed("full disk")));
        assert_eq!(consumed, 11);
    }

    #[test]
    fn a_panicking_worker_is_propagated_not_a_hang() {
        let items: Vec<u64> = (0..50).collect();
        let window = Window {
            items: 4,
            weight: 100,
        };
        let r = std::panic::catch_unwind(|| {
            map(
                2,
                items.iter(),
                |_| 1,
                window,
                |x: &u64| {
                    assert!(*x != 20, "bug");
                    *x
                },
                |_, _| Ok::<(), Failed>(()),
            )
        });
        assert!(r.is_err());
    }
}
