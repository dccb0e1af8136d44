// Tasklist sends its own sorting with every list query (newest first unless the address names another), which
// overrides the order of the filters. Officials work the most urgent first, so on a session's first list the
// default is replaced by the filters' own order: due date, then age. A sorting the official chooses stays.
const DEFAULT = [{sortBy: 'created', sortOrder: 'desc'}];
const BY_DUE_DATE = [{sortBy: 'dueDate', sortOrder: 'asc'}, {sortBy: 'created', sortOrder: 'asc'}];
const DONE = 'giaydiduong.sortingDefaulted';

function sortingIn(hash) {
  const query = hash.includes('?') ? hash.substring(hash.indexOf('?') + 1) : '';
  const value = new URLSearchParams(query).get('sorting');
  try {
    return value === null ? null : JSON.parse(value);
  } catch (e) {
    return undefined;
  }
}

function sortByDueDate() {
  const hash = window.location.hash;
  if (sessionStorage.getItem(DONE) || !hash.startsWith('#/')) {
    return;
  }
  const sorting = sortingIn(hash);
  if (sorting === null || JSON.stringify(sorting) === JSON.stringify(DEFAULT)) {
    sessionStorage.setItem(DONE, 'true');
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    params.set('sorting', JSON.stringify(BY_DUE_DATE));
    window.location.replace(path + '?' + params.toString());
  }
}

window.addEventListener('hashchange', sortByDueDate);
sortByDueDate();
