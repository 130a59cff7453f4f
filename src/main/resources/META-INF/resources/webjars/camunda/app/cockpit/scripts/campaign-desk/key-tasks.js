// Campaign Desk: Cockpit knows process instances by id. Coordinators know key tasks by number and
// title ("【三】住房安全保障工程"). This plugin shows them by that label: a dashboard section listing the
// open key tasks (label, business key, a link to each instance), and on every key-task instance its
// label. Community Cockpit lists running instances only; closed key tasks (销号) are in the ledger,
// linked from here.
const ENGINE = '/camunda/api/engine/engine/default';

function esc(text) {
  return String(text == null ? '' : text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(response.status);
  }
  return response.json();
}

async function openKeyTasks() {
  const labels = await getJson(ENGINE + '/variable-instance?variableName=taskLabel&processDefinitionKeyIn=key-task&maxResults=500');
  const instances = await getJson(ENGINE + '/process-instance?processDefinitionKey=key-task&maxResults=500');
  const byInstance = new Map(labels.filter(v => v.processInstanceId === v.executionId).map(v => [v.processInstanceId, v.value]));
  return instances.map(i => ({id: i.id, businessKey: i.businessKey, label: byInstance.get(i.id) || i.businessKey}))
    .sort((a, b) => String(a.businessKey).localeCompare(String(b.businessKey)));
}

const dashboard = {
  id: 'campaign-desk-key-tasks',
  pluginPoint: 'cockpit.dashboard',
  priority: 20,
  render: async node => {
    node.innerHTML = '<section class="campaign-desk-key-tasks"><h3 class="section-title">重点工作</h3>'
      + '<p>推进中的重点工作如下；已销号的重点工作请在'
      + '<a href="/ledger?status=closed">重点工作台账（已销号）</a>中查看。</p><div class="list">读取中…</div></section>';
    const list = node.querySelector('.list');
    try {
      const tasks = await openKeyTasks();
      list.innerHTML = tasks.length === 0 ? '<p>没有推进中的重点工作。</p>'
        : '<table class="cam-table"><thead><tr><th>重点工作</th><th>业务编号</th></tr></thead><tbody>'
          + tasks.map(t => '<tr><td><a href="#/process-instance/' + esc(t.id) + '/runtime">' + esc(t.label) + '</a></td><td>'
            + esc(t.businessKey) + '</td></tr>').join('') + '</tbody></table>';
    } catch (e) {
      list.textContent = '无法读取重点工作（' + e.message + '）。';
    }
  },
  properties: {label: '重点工作'}
};

const instanceLabel = {
  id: 'campaign-desk-key-task-label',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  render: async (node, {processInstanceId}) => {
    node.innerHTML = '<div class="campaign-desk-label">读取中…</div>';
    try {
      const instance = await getJson(ENGINE + '/process-instance/' + encodeURIComponent(processInstanceId));
      const labels = await getJson(ENGINE + '/variable-instance?variableName=taskLabel&processInstanceIdIn='
        + encodeURIComponent(processInstanceId));
      const label = labels.length ? labels[0].value : '（无）';
      node.innerHTML = '<table class="cam-table"><tbody><tr><th>重点工作</th><td>' + esc(label) + '</td></tr>'
        + '<tr><th>业务编号</th><td>' + esc(instance.businessKey) + '</td></tr></tbody></table>'
        + '<p><a href="/ledger">在重点工作台账中查看全部办理记录</a></p>';
    } catch (e) {
      node.textContent = '无法读取（' + e.message + '）。';
    }
  },
  properties: {label: '重点工作'}
};

export default [dashboard, instanceLabel];
