// The inbox's script: new tasks appear without a reload, and a person who has not chosen a time zone
// gets their browser's.
(function () {
  // The browser's zone, kept only while the person has not chosen one: the server shows times in it from
  // then on, so the page is drawn again once, in that zone.
  var note = document.getElementById('time-zone-note');
  var csrf = document.querySelector('input[name="_csrf"]');
  if (note && csrf && note.dataset.zoneChosen === 'false' && window.Intl) {
    var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone) {
      var body = new URLSearchParams();
      body.append('timeZone', browserZone);
      body.append('_csrf', csrf.value);
      fetch(note.dataset.reportUrl, {method: 'POST', credentials: 'same-origin', body: body})
        .then(function (response) {
          if (response.status === 200 && browserZone !== note.dataset.zone) {
            window.location.reload();
          }
        })
        .catch(function () { /* times stay in Tenure's default zone */ });
    }
  }

  // New tasks: every 15 s ask the server for open tasks newer than the newest shown, and put each under
  // its group's heading. Polling a plain URL works behind any load balancer, on whichever node answers.
  var tasks = document.getElementById('tasks');
  if (!tasks || tasks.dataset.filtered === 'true') {
    return; // a filtered list would be wrong with unfiltered arrivals in it
  }
  var live = document.getElementById('new-tasks');
  var count = document.getElementById('task-count');
  var empty = document.getElementById('no-tasks');

  function poll() {
    var url = tasks.dataset.pollUrl + '?after=' + encodeURIComponent(tasks.dataset.lastId)
      + '&owner=' + encodeURIComponent(tasks.dataset.owner);
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (response) { return response.ok ? response.text() : ''; })
      .then(function (html) {
        var holder = document.createElement('tbody');
        holder.innerHTML = html;
        var fresh = [];
        holder.querySelectorAll('tr.task').forEach(function (row) {
          tasks.dataset.lastId = Math.max(Number(tasks.dataset.lastId), Number(row.dataset.taskId));
          if (!document.getElementById(row.id)) {
            var rows = document.getElementById('rows-' + row.dataset.group) || document.querySelector('#tasks tbody');
            if (!rows) {
              // The first task of an empty inbox: its group is drawn by the server, on a reload.
              if (empty) {
                empty.textContent = 'A new task arrived: reload the page to see it.';
              }
              return;
            }
            row.classList.add('new');
            rows.insertBefore(row, rows.firstChild);
            fresh.push(row);
          }
        });
        if (fresh.length === 0) {
          return;
        }
        var total = Number(count.dataset.total || count.textContent.split(' ')[0]) + fresh.length;
        count.dataset.total = total;
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
