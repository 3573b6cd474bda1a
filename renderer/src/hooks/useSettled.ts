import { useEffect, useState } from 'react'

/** The value once it has stayed the same for `delay` ms (what the user typed, once they pause). */
export function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}
