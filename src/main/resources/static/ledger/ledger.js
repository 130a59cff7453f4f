// The ledger page (台账): reads /api/ledger with the filters, renders the rows with their colours,
// opens a key task's history, links the Excel export with the same filters, shows the scores.
(function () {
  'use strict';
  var state = { sort: null, dir: 'asc', basic: false };
  var $ = function (id) { return document.getElementById(id); };
  var LABEL = { RED: '红', YELLOW: '黄', GREEN: '绿', GREY: '灰' };
  var MEANING = { RED: '逾期', YELLOW: '临期或缺报', GREEN: '正常推进', GREY: '已销号' };

  function esc(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function query() {
    var params = new URLSearchParams();
    ['county', 'campaign', 'unit', 'leader', 'colour', 'status'].forEach(function (name) {
      var value = $('filter-' + name).value.trim();
      if (value) { params.set(name, value); }
    });
    if (state.sort) { params.set('sort', state.sort); params.set('dir', state.dir); }
    return params.toString();
  }

  function get(url) {
    // Without the header the server asks the browser for HTTP basic credentials (the fallback login).
    var headers = state.basic ? {} : { 'X-Requested-With': 'XMLHttpRequest' };
    return fetch(url, { headers: headers, credentials: 'same-origin' }).then(function (response) {
      if (response.status === 401) {
        $('login').hidden = false;
        $('main').hidden = true;
        throw new Error('login');
      }
      if (!response.ok) {
        return response.json().then(function (body) { throw new Error(body.error || response.status); });
      }
      return response.json();
    });
  }

  function load() {
    var q = query();
    $('export-link').href = '/api/ledger.xlsx' + (q ? '?' + q : '');
    return get('/api/ledger' + (q ? '?' + q : '')).then(render).catch(function (e) {
      if (e.message !== 'login') { $('row-count').textContent = '加载失败：' + e.message; }
    });
  }

  function render(ledger) {
    $('login').hidden = true;
    $('main').hidden = false;
    $('viewer').textContent = '当前用户：' + ledger.viewer;
    var campaigns = $('filter-campaign');
    ledger.rows.forEach(function (row) {
      if (row.campaign && !Array.prototype.some.call(campaigns.options, function (o) { return o.value === row.campaign; })) {
        campaigns.add(new Option(row.campaign, row.campaign));
      }
    });
    var summary = $('county-summary');
    summary.hidden = ledger.counties.length === 0;
    $('county-filter').hidden = ledger.counties.length === 0;
    summary.tBodies[0].innerHTML = ledger.counties.map(function (c) {
      var counties = $('filter-county');
      if (!Array.prototype.some.call(counties.options, function (o) { return o.value === c.county; })) {
        counties.add(new Option(c.county, c.county));
      }
      return '<tr class="county-summary-row" data-county="' + esc(c.county) + '"><td>' + esc(c.county) + '</td><td>' + c.total
        + '</td><td>' + c.byColour.RED + '</td><td>' + c.byColour.YELLOW + '</td><td>' + c.byColour.GREEN + '</td><td>'
        + c.byColour.GREY + '</td></tr>';
    }).join('');
    $('lists').innerHTML = ledger.scoreLists.map(function (l) {
      return '<div class="list red-list"><h3>红榜 · ' + esc(l.quarterLabel) + '</h3>' + esc(l.redList) + '</div>'
        + '<div class="list black-list"><h3>黑榜 · ' + esc(l.quarterLabel) + '</h3>' + esc(l.blackList) + '</div>';
    }).join('');
    $('row-count').textContent = '共 ' + ledger.rows.length + ' 项';
    $('ledger-table').tBodies[0].innerHTML = ledger.rows.map(function (r) {
      var status = r.closed ? '已销号<br><span class="small">' + esc(r.closedOutDate) + '</span>'
        : esc(r.colourLabel) + '<br><span class="small">' + MEANING[r.colour] + '</span>';
      var report = r.lastReport == null ? '<span class="small">无</span>'
        : esc(r.lastReportMonth) + '<br><span class="small">' + esc(r.lastReportDate) + '报送</span><br>' + esc(r.lastReport);
      if (r.reportMissing) { report += '<br><strong>⚠ 月度报告逾期未报</strong>'; }
      return '<tr class="ledger-row" data-instance="' + esc(r.instanceId) + '" data-colour="' + r.colour + '">'
        + '<td class="c-' + r.colour + '">' + status + '</td><td>' + r.taskNo + '</td><td>' + esc(r.title)
        + (r.county ? '<br><span class="small">' + esc(r.county) + '</span>' : '') + '</td><td>' + esc(r.leadLeaders) + '</td><td>'
        + esc(r.leadUnit) + (r.coLeadUnits ? '、' + esc(r.coLeadUnits) : '') + '</td><td>' + esc(r.responsibleUnits) + '</td><td>'
        + esc(r.deadlineText) + '</td><td>' + esc(r.closed ? '' : r.currentStep) + '</td><td>' + report + '</td><td>'
        + (r.openProblems.length ? esc(r.openProblems.join('；')) : '无') + '</td><td>' + esc(r.extensions) + '</td></tr>';
    }).join('');
  }

  function showDetail(instanceId) {
    get('/api/ledger/' + encodeURIComponent(instanceId)).then(function (d) {
      var r = d.row;
      var html = '<h2>' + esc(r.taskLabel) + ' <span class="c-' + r.colour + '">' + esc(r.closed ? '已销号 ' + r.closedOutDate : r.colourLabel + ' · ' + MEANING[r.colour]) + '</span></h2>'
        + '<p>牵头责任领导：' + esc(r.leadLeaders) + '；牵头责任单位：' + esc(r.leadUnit) + '；责任单位：' + esc(r.responsibleUnits)
        + '；完成时限：' + esc(r.deadlineText) + '</p><h3>办理经过</h3><table id="detail-steps"><thead><tr><th>环节</th><th>经办人</th><th>开始</th><th>完成</th><th>期限</th><th>结果</th><th>提交内容</th></tr></thead><tbody>'
        + d.steps.map(function (s) {
          return '<tr><td>' + esc(s.name) + '</td><td>' + esc(s.assignee || '') + '</td><td>' + time(s.created) + '</td><td>' + time(s.ended)
            + '</td><td>' + time(s.due) + '</td><td>' + esc(s.outcome) + '</td><td><pre>'
            + esc(Object.keys(s.submitted).map(function (k) { return k + '：' + s.submitted[k]; }).join('\n')) + '</pre>'
            + ((s.files || []).length ? '<div class="detail-files">附件：' + s.files.map(function (f) {
              return '<a target="_blank" rel="noopener" href="' + esc(f.url) + '">' + esc(f.name) + '</a>';
            }).join('、') + '</div>' : '') + '</td></tr>';
        }).join('') + '</tbody></table><h3>登记事项</h3><table><tbody>'
        + d.recorded.map(function (v) { return '<tr><td>' + time(v.time) + '</td><td>' + esc(v.name) + '</td><td><pre>' + esc(v.value) + '</pre></td></tr>'; }).join('')
        + '</tbody></table><h3>邮件</h3><table id="detail-mails"><tbody>'
        + (d.mails.length ? d.mails.map(function (m) { return '<tr><td>' + time(m.sentAt) + '</td><td>' + esc(m.recipientName) + ' &lt;' + esc(m.recipient) + '&gt;</td><td>' + esc(m.subject) + '</td></tr>'; }).join('') : '<tr><td>无</td></tr>')
        + '</tbody></table><h3>相关流程</h3><p>' + d.related.map(function (p) { return esc(p.process) + '（' + time(p.started) + (p.ended ? ' 至 ' + time(p.ended) : '，进行中') + '）'; }).join('；')
        + '</p><p class="small">' + esc(d.files) + '</p>';
      $('detail-body').innerHTML = html;
      $('detail').hidden = false;
    }).catch(function (e) { if (e.message !== 'login') { alert('无法打开：' + e.message); } });
  }

  function time(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }

  function loadItems(tab) {
    get('/api/ledger/' + tab).then(function (rows) {
      $(tab + '-table').tBodies[0].innerHTML = rows.length === 0 ? '<tr><td colspan="7">无</td></tr>' : rows.map(function (r) {
        var status = r.closed ? '已销号<br><span class="small">' + esc(r.closedDate) + '</span>'
          : esc(LABEL[r.colour]) + '<br><span class="small">' + MEANING[r.colour] + '</span>';
        var cells = tab === 'targets'
          ? [r.title, r.context, r.unit, r.leaders, r.deadline, r.currentStep]
          : [r.title, r.context, r.unit, r.deadline, r.currentStep];
        return '<tr class="item-row" data-colour="' + r.colour + '"><td class="c-' + r.colour + '">' + status + '</td>'
          + cells.map(function (c) { return '<td>' + esc(c) + '</td>'; }).join('') + '</tr>';
      }).join('');
    }).catch(function (e) { if (e.message !== 'login') { alert('加载失败：' + e.message); } });
  }

  function loadScores() {
    var quarter = $('filter-quarter').value.trim();
    get('/api/scores' + (quarter ? '?quarter=' + encodeURIComponent(quarter) : '')).then(function (s) {
      $('scores').innerHTML = s.quarters.map(function (q) {
        var units = s.units.filter(function (u) { return u.planId === q.planId && u.quarter === q.quarter; });
        return '<h3>' + esc(q.planId) + ' · ' + esc(q.quarter) + '</h3><div id="lists-' + esc(q.quarter) + '"><b>红榜</b><pre>' + esc(q.redList)
          + '</pre><b>黑榜</b><pre>' + esc(q.blackList) + '</pre></div><table class="score-table"><thead><tr><th>单位</th><th>合计</th><th>明细</th></tr></thead><tbody>'
          + units.map(function (u) {
            var lines = u.lines == null ? '<span class="small">（仅本单位可见）</span>' : u.lines.map(function (l) {
              var text = '[' + l.id + '] ' + (l.points > 0 ? '+' : '') + l.points + '分 ' + l.ruleLabel + (l.keyTaskLabel ? ' · ' + l.keyTaskLabel : '')
                + ' · ' + l.eventDate + (l.description ? '：' + l.description : '');
              var appeal = l.appealDecision ? '（' + (s.appealDecisions[l.appealDecision] || l.appealDecision) + '：' + l.appealDecisionReason + '）'
                : l.status === 'appealed' ? '（申诉审核中）' : '';
              return '<div class="' + (l.status === 'removed' ? 'removed' : '') + '">' + esc(text) + '</div>' + (appeal ? '<div class="small">' + esc(appeal) + '</div>' : '');
            }).join('');
            return '<tr><td>' + esc(u.unitName) + '</td><td>' + u.total + '</td><td>' + lines + '</td></tr>';
          }).join('') + '</tbody></table>';
      }).join('') || '<p>尚无已发布的季度考核。</p>';
    }).catch(function (e) { if (e.message !== 'login') { $('scores').textContent = '加载失败：' + e.message; } });
  }

  document.addEventListener('DOMContentLoaded', function () {
    ['filter-county', 'filter-campaign', 'filter-colour', 'filter-status'].forEach(function (id) { $(id).addEventListener('change', load); });
    ['filter-unit', 'filter-leader'].forEach(function (id) { $(id).addEventListener('input', load); });
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    Array.prototype.forEach.call(document.querySelectorAll('#ledger-table th[data-sort]'), function (th) {
      th.addEventListener('click', function () {
        var column = th.getAttribute('data-sort');
        state.dir = state.sort === column && state.dir === 'asc' ? 'desc' : 'asc';
        state.sort = column;
        Array.prototype.forEach.call(document.querySelectorAll('#ledger-table th'), function (h) { h.className = ''; });
        th.className = 'sorted-' + state.dir;
        load();
      });
    });
    $('ledger-table').tBodies[0].addEventListener('click', function (e) {
      var tr = e.target.closest('tr.ledger-row');
      if (tr) { showDetail(tr.getAttribute('data-instance')); }
    });
    $('detail-close').addEventListener('click', function () { $('detail').hidden = true; });
    Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (tab) {
      tab.addEventListener('click', function () {
        Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (t) { t.classList.remove('active'); });
        tab.classList.add('active');
        var name = tab.getAttribute('data-tab');
        ['ledger', 'campaign-items', 'rectifications', 'targets', 'scores'].forEach(function (t) { $('tab-' + t).hidden = name !== t; });
        if (name === 'scores') { loadScores(); }
        if (name === 'rectifications' || name === 'targets' || name === 'campaign-items') { loadItems(name); }
      });
    });
    $('score-filters').addEventListener('submit', function (e) { e.preventDefault(); loadScores(); });
    $('basic-login').addEventListener('click', function (e) { e.preventDefault(); state.basic = true; load(); });
    // Filters given in the address (/ledger?status=closed, linked from Cockpit and the welcome page) are applied.
    var given = new URLSearchParams(window.location.search);
    ['county', 'campaign', 'unit', 'leader', 'colour', 'status'].forEach(function (name) {
      if (given.has(name)) { $('filter-' + name).value = given.get(name); }
    });
    load();
  });
}());
