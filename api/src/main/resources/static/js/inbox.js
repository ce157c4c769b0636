// New tasks appear without a reload: every 15 s ask the server for open tasks newer than the newest shown.
// Polling a plain URL works behind any load balancer, on whichever node answers.
(function () {
  var table = document.getElementById('tasks');
  if (!table || table.dataset.filtered === 'true') {
    return; // a filtered list would be wrong with unfiltered arrivals in it
  }
  var rows = document.getElementById('task-rows');
  var live = document.getElementById('new-tasks');
  var count = document.getElementById('task-count');
  var empty = document.getElementById('no-tasks');

  function poll() {
    var url = table.dataset.pollUrl + '?after=' + encodeURIComponent(table.dataset.lastId)
      + '&owner=' + encodeURIComponent(table.dataset.owner);
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (response) { return response.ok ? response.text() : ''; })
      .then(function (html) {
        var holder = document.createElement('tbody');
        holder.innerHTML = html;
        var fresh = [];
        holder.querySelectorAll('tr.task').forEach(function (row) {
          table.dataset.lastId = Math.max(Number(table.dataset.lastId), Number(row.dataset.taskId));
          if (!document.getElementById(row.id)) {
            row.classList.add('new');
            rows.insertBefore(row, rows.firstChild);
            fresh.push(row);
          }
        });
        if (fresh.length === 0) {
          return;
        }
        var total = rows.querySelectorAll('tr.task').length;
        count.textContent = total + (total === 1 ? ' open task' : ' open tasks');
        if (empty) {
          empty.hidden = true;
        }
        live.textContent = fresh.length + (fresh.length === 1 ? ' new task: ' : ' new tasks, the latest: ')
          + fresh[fresh.length - 1].querySelector('.title').textContent;
      })
      .catch(function () { /* the next poll tries again */ });
  }

  setInterval(poll, 15000);
})();
