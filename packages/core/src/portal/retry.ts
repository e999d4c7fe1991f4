/** A gate that runs at most `limit` tasks at once, the rest in arrival order. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const max = Math.max(1, Math.floor(limit))
  let active = 0
  const queue: (() => void)[] = []
  const release = () => {
    active--
    queue.shift()?.()
  }
  return (task) =>
    new Promise((resolve, reject) => {
      const start = () => {
        active++
        task().then(resolve, reject).finally(release)
      }
      if (active < max) start()
      else queue.push(start)
    })
}
