/** A Map that forgets its oldest entries past `max`: what an adapter remembers of what it saw, bounded. */
export class Recent<V> extends Map<string, V> {
  constructor(private max: number) {
    super()
  }
  override set(k: string, v: V) {
    super.set(k, v)
    if (this.size > this.max) this.delete(this.keys().next().value!)
    return this
  }
}
