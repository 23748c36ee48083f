/** The queue page's own view of a stored action, shown at once rather than after the store re-ranks a busy queue. */
import type { QueueActionRecord, QueueItem, QueuePage, QueueStatus } from '@pulso/types'

const STATUS_AFTER: Record<QueueActionRecord['action'], QueueStatus> = { assign: 'assigned', answered: 'answered', dismiss: 'dismissed', reopen: 'open' }

/**
 * The page after a stored action: an item leaving the shown statuses drops out, else it changes status.
 * `shownStatus` is the page's filter: '' (open and assigned), 'all', or one status.
 */
export function settle(d: Pick<QueuePage, 'items' | 'total'>, item: QueueItem, r: QueueActionRecord, shownStatus: string): Pick<QueuePage, 'items' | 'total'> {
  const status = STATUS_AFTER[r.action]
  const shown = shownStatus === 'all' || (shownStatus ? shownStatus === status : status === 'open' || status === 'assigned')
  if (!shown) return { items: d.items.filter((i) => i.id !== item.id), total: d.total - 1 }
  const changed = { ...item, status, assignee: r.assignee ?? item.assignee, lastAction: { action: r.action, by: r.by, at: r.at } }
  return { items: d.items.map((i) => (i.id === item.id ? changed : i)), total: d.total }
}
