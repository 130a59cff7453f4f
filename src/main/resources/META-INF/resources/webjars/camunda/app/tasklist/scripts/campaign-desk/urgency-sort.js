// Campaign Desk: Tasklist sorts by creation date unless the address says otherwise; a county
// official wants what is overdue first, then what is due soonest. When the address carries no
// sorting, this adds it (the overdue steps have a raised priority), and keeps it when a filter or a
// mail link (#/?task=…) is opened. A sort the user picks in Tasklist is left alone.
const URGENCY = JSON.stringify([
  {sortBy: 'priority', sortOrder: 'desc'},
  {sortBy: 'dueDate', sortOrder: 'asc'}
]);

function withUrgency() {
  const hash = window.location.hash || '#/';
  const q = hash.indexOf('?');
  const path = q < 0 ? hash : hash.substring(0, q);
  if (path !== '#/' && path !== '#') {
    return;
  }
  const params = new URLSearchParams(q < 0 ? '' : hash.substring(q + 1));
  if (params.has('sorting')) {
    return;
  }
  params.set('sorting', URGENCY);
  window.history.replaceState(null, '', '#/?' + params.toString());
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

withUrgency();
window.addEventListener('hashchange', withUrgency);

export default [];
