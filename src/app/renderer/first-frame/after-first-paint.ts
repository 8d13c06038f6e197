/**
 * After the browser has put the first screen on the display (its first contentful paint).
 * Not requestAnimationFrame: its frame is still being rastered when a task queued from it
 * runs. A hidden tab paints nothing, and a browser without paint timing tells nothing: a
 * timer does not wait longer.
 */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    let observer: PerformanceObserver | undefined;
    const done = () => {
      observer?.disconnect();
      resolve();
    };
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length > 0) done();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      // No paint timing here: the timer alone.
    }
    setTimeout(done, 500);
  });
}
