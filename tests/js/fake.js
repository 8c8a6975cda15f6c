// Test doubles for the cores: a fake clock for timers, and a small frames list.

export class FakeTimers {
  constructor() {
    this.now = 0;
    this.next = 1;
    this.jobs = new Map(); // id -> {at, fn, every}
  }

  setTimeout(fn, ms) {
    const id = this.next++;
    this.jobs.set(id, { at: this.now + ms, fn, every: null });
    return id;
  }

  setInterval(fn, ms) {
    const id = this.next++;
    this.jobs.set(id, { at: this.now + ms, fn, every: ms });
    return id;
  }

  clearTimeout(id) {
    this.jobs.delete(id);
  }

  clearInterval(id) {
    this.jobs.delete(id);
  }

  get pending() {
    return this.jobs.size;
  }

  // Let `ms` pass, running each job when its time comes, in order.
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let soonest = null;
      for (const [id, job] of this.jobs) {
        if (job.at <= end && (soonest === null || job.at < soonest[1].at)) {
          soonest = [id, job];
        }
      }
      if (soonest === null) {
        break;
      }
      const [id, job] = soonest;
      this.now = job.at;
      if (job.every === null) {
        this.jobs.delete(id);
      } else {
        job.at += job.every;
      }
      job.fn();
    }
    this.now = end;
  }
}

// 1984, 1985 with its twelve months, 1986: the shape of a busy year in the real timeline.
export function framesWithABusyYear() {
  const frames = [{ key: "1984", year: 1984, month: null, label: "1984" }];
  frames.push({ key: "1985", year: 1985, month: null, label: "1985" });
  for (let m = 1; m <= 12; m += 1) {
    const key = `1985-${m < 10 ? "0" : ""}${m}`;
    frames.push({ key, year: 1985, month: m, label: key });
  }
  frames.push({ key: "1986", year: 1986, month: null, label: "1986" });
  return frames;
}
