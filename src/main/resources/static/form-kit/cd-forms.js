/*
 * Campaign Desk's form kit for Tasklist's embedded forms (forms/*.html). A form declares its
 * fields on the <form> element (cd-shown: what it shows, cd-fields: what it submits, with types;
 * the server's REST guard reads the same attributes) and lays them out with elements carrying
 * cd-type. The kit renders the controls, checks them in Chinese beside each field or table row,
 * and submits through camForm (typed values: String, Long, Json tables, File evidence).
 * Dates are typed and shown as YYYY-MM-DD whatever the browser's language; the picker is the kit's own.
 */
(function () {
  'use strict';

  var MAX_FILES = 5;
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'pdf', 'doc', 'docx', 'xls', 'xlsx'];
  var LABELS = {
    taskLabel: '重点工作', taskDescription: '工作内容', targetsText: '目标任务', responsiblePersonText: '责任人',
    deadlineText: '完成时限', leadLeaderNames: '牵头责任领导', leadUnitName: '牵头责任单位', coLeadUnitNames: '共同牵头单位',
    responsibleUnitNames: '责任单位', reportMonthLabel: '报告月份', contributorUnitName: '本单位', mySubItems: '本单位分解任务',
    planSummary: '实施方案概要', completionSummary: '办结总结', completedOn: '实际完成日期', evidenceDescription: '佐证材料说明',
    returnReason: '退回原因', reworkDescription: '整改情况', extensionDecisionComment: '上次延期申请的审批意见',
    problem: '问题', keyTaskLabel: '相关重点工作', inspectionMonthLabel: '督查月份', verifyComment: '核查意见',
    acceptanceRemarks: '验收意见', rectificationReport: '整改情况', planTitle: '工作计划', quarterLabel: '考核季度',
    appealUnitName: '申诉单位', myScoreLinesText: '本单位得分明细（方括号内为条目编号）', redListText: '红榜', blackListText: '黑榜',
    appealDueText: '申诉截止日期', appealLineIds: '申诉条目编号', appealReason: '申诉理由', appealedLinesText: '申诉的条目', appealFilesNote: '佐证材料说明',
    dispatchMonthLabel: '调度月份', reviewedMonthLabel: '调度上月工作', agendaText: '调度议程'
  };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'cls') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function iso(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }
  function today() { return iso(new Date()); }
  /** A real date written YYYY-MM-DD, or null: nothing else is read as a date (no month-first, no rollover). */
  function parseIso(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || '').trim());
    if (!m) { return null; }
    var d = new Date(+m[1], +m[2] - 1, +m[3]);
    return d.getFullYear() === +m[1] && d.getMonth() === +m[2] - 1 && d.getDate() === +m[3] ? m[0] : null;
  }
  function chineseDate(isoText) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoText || '');
    return m ? (+m[1]) + '年' + (+m[2]) + '月' + (+m[3]) + '日' : '';
  }
  function time(instant) {
    if (!instant) { return ''; }
    var d = new Date(instant);
    return iso(d) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function loadCss() {
    if (!document.getElementById('cd-forms-css')) {
      document.head.appendChild(el('link', {id: 'cd-forms-css', rel: 'stylesheet', href: '/form-kit/cd-forms.css'}));
    }
  }

  // ---- date input with the kit's picker ---------------------------------------------------------

  function dateInput(id, value) {
    var input = el('input', {type: 'text', cls: 'form-control cd-date', id: id, placeholder: 'YYYY-MM-DD', autocomplete: 'off', maxlength: '10'});
    input.value = value || '';
    var echo = el('span', {cls: 'cd-date-echo'});
    var button = el('button', {type: 'button', cls: 'btn btn-default cd-date-pick', title: '选择日期'},
      [el('span', {cls: 'glyphicon glyphicon-calendar'})]);
    var box = el('span', {cls: 'cd-date-box'}, [input, button, echo]);
    function refresh() {
      var ok = parseIso(input.value);
      echo.textContent = ok ? chineseDate(ok) : '';
    }
    input.addEventListener('input', refresh);
    button.addEventListener('click', function () { openPicker(box, input, refresh); });
    refresh();
    return {node: box, input: input};
  }

  function openPicker(box, input, refresh) {
    var old = box.querySelector('.cd-calendar');
    if (old) { old.parentNode.removeChild(old); return; }
    var start = parseIso(input.value) || today();
    var year = +start.substring(0, 4), month = +start.substring(5, 7) - 1;
    var cal = el('div', {cls: 'cd-calendar'});
    function draw() {
      cal.innerHTML = '';
      var prev = el('button', {type: 'button', cls: 'btn btn-xs btn-default', text: '‹'});
      var next = el('button', {type: 'button', cls: 'btn btn-xs btn-default', text: '›'});
      prev.addEventListener('click', function () { month--; if (month < 0) { month = 11; year--; } draw(); });
      next.addEventListener('click', function () { month++; if (month > 11) { month = 0; year++; } draw(); });
      cal.appendChild(el('div', {cls: 'cd-cal-head'}, [prev, el('span', {text: year + '年' + (month + 1) + '月'}), next]));
      var grid = el('table', {cls: 'cd-cal-grid'});
      var head = el('tr');
      ['一', '二', '三', '四', '五', '六', '日'].forEach(function (w) { head.appendChild(el('th', {text: w})); });
      grid.appendChild(head);
      var first = new Date(year, month, 1);
      var offset = (first.getDay() + 6) % 7;
      var days = new Date(year, month + 1, 0).getDate();
      var row = el('tr');
      for (var i = 0; i < offset; i++) { row.appendChild(el('td')); }
      for (var d = 1; d <= days; d++) {
        var value = year + '-' + pad(month + 1) + '-' + pad(d);
        var cell = el('td', {cls: 'cd-cal-day' + (value === today() ? ' cd-cal-today' : '') + (value === input.value ? ' cd-cal-chosen' : ''),
          'data-date': value, text: String(d)});
        cell.addEventListener('click', (function (v) {
          return function () { input.value = v; refresh(); cal.parentNode.removeChild(cal); input.dispatchEvent(new Event('input')); };
        })(value));
        row.appendChild(cell);
        if ((offset + d) % 7 === 0) { grid.appendChild(row); row = el('tr'); }
      }
      if (row.childNodes.length) { grid.appendChild(row); }
      cal.appendChild(grid);
    }
    draw();
    box.appendChild(cal);
  }

  // ---- the form ---------------------------------------------------------------------------------

  function Form(camForm) {
    this.camForm = camForm;
    this.root = camForm.formElement[0];
    this.values = {};
    this.controls = [];
    this.shown = attrList(this.root, 'cd-shown');
    this.fields = {};
    var self = this;
    attrList(this.root, 'cd-fields').forEach(function (f) {
      var parts = f.split(':');
      self.fields[parts[0]] = parts[1] || 'String';
    });
  }

  function attrList(node, name) {
    return (node.getAttribute(name) || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  }

  Form.prototype.load = function () {
    var self = this;
    var names = this.shown.concat(Object.keys(this.fields).filter(function (n) { return self.fields[n] !== 'Files'; }));
    var task = this.camForm.client.resource('task');
    return new Promise(function (resolve) {
      task.formVariables({id: self.camForm.taskId, names: names, deserializeValues: false}, function (err, result) {
        Object.keys(result || {}).forEach(function (n) {
          var v = result[n];
          self.values[n] = v.type === 'Json' && typeof v.value === 'string' ? safeJson(v.value) : v.value;
        });
        recordFacts(self.values);
        task.get(self.camForm.taskId, function (err2, t) {
          self.processInstanceId = t && t.processInstanceId;
          resolve();
        });
      });
    });
  };

  /**
   * The key task's facts the header shows, from its record (the JSON variable keyTask, see
   * task.KeyTaskRecord): lists of {id, name} as names joined by 、. The deadline's text is the one the
   * record's owner made (deadlineText), read as it is. Facts a form has as variables of their own win.
   */
  function recordFacts(values) {
    var r = values.keyTask;
    if (!r || typeof r !== 'object') { return; }
    function names(refs) { return (refs || []).map(function (x) { return x.name; }).join('、'); }
    function units(record) {
      var byId = {};
      [record.leadUnit].concat(record.coLeadUnits || [], record.responsibleUnits || []).forEach(function (u) {
        if (u && !byId[u.id]) { byId[u.id] = u.name; }
      });
      return byId;
    }
    var facts = {
      taskLabel: r.label, taskDescription: r.description, targetsText: r.targetsText,
      responsiblePersonText: r.responsiblePersonText, leadLeaderNames: names(r.leadLeaders),
      leadUnitName: r.leadUnit ? r.leadUnit.name : '待明确', coLeadUnitNames: names(r.coLeadUnits),
      responsibleUnitNames: names(r.responsibleUnits), planTitle: r.planTitle,
      // The implementation plan's table: the key task's units (id → name) and its deadline (ISO).
      unitNames: units(r), deadlineDate: r.deadline
    };
    Object.keys(facts).forEach(function (n) {
      if (values[n] === undefined) { values[n] = facts[n]; }
    });
  }

  function safeJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  Form.prototype.render = function () {
    var self = this;
    var loading = this.root.querySelector('.cd-loading');
    if (loading) { loading.parentNode.removeChild(loading); }
    Array.prototype.forEach.call(this.root.querySelectorAll('[cd-type]'), function (node) {
      var render = RENDER[node.getAttribute('cd-type')];
      if (render) { render(self, node); }
    });
    Array.prototype.forEach.call(this.root.querySelectorAll('[cd-when]'), function (node) { self.watch(node); });
    this.updateConditions();
    this.root.setAttribute('cd-ready', 'true');
  };

  Form.prototype.watch = function (node) { this.conditional = (this.conditional || []).concat([node]); };

  Form.prototype.updateConditions = function () {
    var self = this;
    (this.conditional || []).forEach(function (node) {
      var cond = node.getAttribute('cd-when').split('=');
      var control = self.control(cond[0]);
      var now = control ? control.value() : self.values[cond[0]];
      var values = cond[1].split('|');
      node.hidden = values.indexOf(String(now)) < 0;
    });
  };

  Form.prototype.control = function (name) {
    return this.controls.filter(function (c) { return c.name === name; })[0];
  };

  Form.prototype.visible = function (node) {
    for (var n = node; n && n !== this.root; n = n.parentNode) {
      if (n.hidden) { return false; }
    }
    return true;
  };

  /** Checks every visible control; shows each fault beside its field. */
  Form.prototype.check = function () {
    var ok = true, first = null, self = this;
    this.controls.forEach(function (c) {
      var problems = self.visible(c.node) ? c.check() : [];
      if (problems.length) { ok = false; first = first || c.node; }
    });
    var summary = this.root.querySelector('.cd-summary');
    if (summary) {
      summary.textContent = ok ? '' : '表单中有需要修改的内容，请按红色提示修改后再提交。';
      summary.hidden = ok;
    }
    if (first && first.scrollIntoView) { first.scrollIntoView({block: 'center'}); }
    return ok;
  };

  Form.prototype.submit = function () {
    if (!this.check()) { return false; }
    var vm = this.camForm.variableManager, self = this;
    function put(name, type, value, valueInfo) {
      if (vm.variable(name)) { vm.destroyVariable(name); }
      vm.createVariable({name: name, type: type, value: value, valueInfo: valueInfo});
    }
    var pending = false;
    this.controls.forEach(function (c) {
      if (!self.fields[c.name] || !self.visible(c.node)) { return; }
      var type = self.fields[c.name];
      if (type === 'Files') {
        c.files.forEach(function (f, i) {
          if (!f.base64) { pending = true; }
          put(c.name + (i + 1), 'File', f.base64, {filename: f.name, mimeType: f.type || 'application/octet-stream'});
        });
      } else if (type === 'Json') {
        put(c.name, 'Json', c.value());
      } else if (type === 'Long') {
        put(c.name, 'Long', c.value() === '' ? null : parseInt(c.value(), 10));
      } else {
        put(c.name, 'String', c.value());
      }
    });
    if (pending) {
      var summary = this.root.querySelector('.cd-summary');
      if (summary) { summary.textContent = '附件仍在读取，请稍候再提交。'; summary.hidden = false; }
      return false;
    }
    return true;
  };

  function fieldShell(form, node, name, labelText, hint) {
    var id = 'cd-' + name;
    var error = el('div', {cls: 'cd-error', role: 'alert'});
    var label = el('label', {'for': id, cls: 'control-label', text: labelText + (node.hasAttribute('cd-required') ? ' *' : '')});
    node.classList.add('form-group', 'cd-field');
    node.appendChild(label);
    return {id: id, error: error, hint: hint ? el('div', {cls: 'help-block', text: hint}) : null};
  }

  function setErrors(node, errorEl, problems) {
    errorEl.textContent = problems.join('；');
    node.classList.toggle('has-error', problems.length > 0);
    return problems;
  }

  function textRules(node, label, value) {
    var problems = [];
    var min = +(node.getAttribute('cd-min') || 0);
    if (node.hasAttribute('cd-required') && !value.trim()) {
      problems.push('请填写' + label);
    } else if (min && value.trim() && value.trim().length < min) {
      problems.push(label + '至少 ' + min + ' 个字（现有 ' + value.trim().length + ' 个）');
    }
    return problems;
  }

  function dateRules(node, label, value) {
    var problems = [];
    var text = String(value || '').trim();
    if (!text) {
      if (node.hasAttribute('cd-required')) { problems.push('请填写' + label + '（YYYY-MM-DD）'); }
      return problems;
    }
    var d = parseIso(text);
    if (!d) {
      problems.push(label + '“' + text + '”不是有效日期，请按 年-月-日 填写，如 ' + today());
    } else if (node.getAttribute('cd-not-after') === 'today' && d > today()) {
      problems.push(label + '不能晚于今天（' + today() + '）');
    } else if (node.getAttribute('cd-not-before') === 'today' && d < today()) {
      problems.push(label + '不能早于今天（' + today() + '）');
    }
    return problems;
  }

  var RENDER = {
    /** The key task's context, read-only. */
    context: function (form, node) {
      var names = attrList(node, 'cd-names');
      var dl = el('dl', {cls: 'cd-context dl-horizontal'});
      var rectification = names.indexOf('problem') >= 0;
      if ((names.indexOf('taskLabel') >= 0 || rectification) && (form.values.overdue === true || form.values.overdue === 'true')) {
        node.appendChild(el('div', {cls: 'alert alert-danger cd-overdue', text: rectification ? '⚠ 本项整改已逾期，请尽快办理' : '⚠ 本项工作已逾期，请尽快办理'}));
      }
      names.forEach(function (n) {
        var v = form.values[n];
        if (v === null || v === undefined || v === '' || v === '—') { return; }
        dl.appendChild(el('dt', {text: LABELS[n] || n}));
        dl.appendChild(el('dd', {cls: 'cd-pre', 'data-name': n, text: String(v)}));
      });
      node.appendChild(dl);
    },

    /**
     * The shared header of the key task forms (重点工作信息): the key task's facts, then the form's
     * extras (cd-extra). The deployment lists the names once for all forms (config.EmbeddedForms)
     * and writes them into cd-names.
     */
    header: function (form, node) {
      var context = el('div', {'cd-names': node.getAttribute('cd-names') || ''});
      node.appendChild(el('fieldset', {cls: 'cd-header'}, [el('legend', {text: '重点工作信息'}), context]));
      RENDER.context(form, context);
    },

    text: function (form, node) { textControl(form, node, false); },
    textarea: function (form, node) { textControl(form, node, true); },

    number: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
      var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
      var input = el('input', {type: 'text', inputmode: 'numeric', cls: 'form-control cd-number', id: shell.id});
      input.value = form.values[name] === null || form.values[name] === undefined ? '' : String(form.values[name]);
      node.appendChild(input);
      node.appendChild(shell.error);
      if (shell.hint) { node.appendChild(shell.hint); }
      form.controls.push({name: name, node: node, value: function () { return input.value.trim(); }, check: function () {
        var v = input.value.trim(), problems = [];
        var min = +node.getAttribute('cd-min'), max = +node.getAttribute('cd-max');
        if (!v) { if (node.hasAttribute('cd-required')) { problems.push('请填写' + label); } }
        else if (!/^\d+$/.test(v)) { problems.push(label + '须为整数'); }
        else if (+v < min || +v > max) { problems.push(label + '须在 ' + min + '–' + max + ' 之间'); }
        return setErrors(node, shell.error, problems);
      }});
    },

    date: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
      var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
      var date = dateInput(shell.id, form.values[name]);
      node.appendChild(date.node);
      node.appendChild(shell.error);
      if (shell.hint) { node.appendChild(shell.hint); }
      form.controls.push({name: name, node: node, value: function () { return date.input.value.trim(); }, check: function () {
        return setErrors(node, shell.error, dateRules(node, label, date.input.value));
      }});
    },

    radio: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
      var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
      var inputs = [];
      node.getAttribute('cd-options').split('|').forEach(function (opt) {
        var kv = opt.split(':');
        var input = el('input', {type: 'radio', name: 'cd-radio-' + name, value: kv[0], id: shell.id + '-' + kv[0]});
        if (form.values[name] === kv[0]) { input.checked = true; }
        input.addEventListener('change', function () { form.updateConditions(); });
        inputs.push(input);
        node.appendChild(el('div', {cls: 'radio'}, [el('label', {}, [input, ' ' + kv[1]])]));
      });
      node.appendChild(shell.error);
      if (shell.hint) { node.appendChild(shell.hint); }
      form.controls.push({name: name, node: node, value: function () {
        var chosen = inputs.filter(function (i) { return i.checked; })[0];
        return chosen ? chosen.value : '';
      }, check: function () {
        var chosen = inputs.some(function (i) { return i.checked; });
        return setErrors(node, shell.error, chosen || !node.hasAttribute('cd-required') ? [] : ['请选择' + label]);
      }});
    },

    /**
     * Check boxes, one per choice of cd-choices (a JSON object variable, value → label, in its order);
     * what is sent is the ticked values joined by commas. A task from before its form had the choices
     * (no such variable) gets a text field for the values instead, as that form had.
     */
    checks: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
      var source = node.getAttribute('cd-choices');
      if (form.values[source] === undefined || form.values[source] === null) { textControl(form, node, false); return; }
      var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
      var before = String(form.values[name] || '').split(/[\s,，、;；\[\]"]+/).filter(Boolean);
      var boxes = [];
      unitOptions(form, source).forEach(function (o) {
        var box = el('input', {type: 'checkbox', value: o.id, id: shell.id + '-' + o.id});
        if (before.indexOf(o.id) >= 0) { box.checked = true; }
        boxes.push(box);
        node.appendChild(el('div', {cls: 'checkbox'}, [el('label', {}, [box, ' ' + o.name])]));
      });
      if (!boxes.length) { node.appendChild(el('p', {cls: 'cd-muted', text: '（没有可选的条目）'})); }
      node.appendChild(shell.error);
      if (shell.hint) { node.appendChild(shell.hint); }
      var control = {name: name, node: node, value: function () {
        return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(',');
      }, check: function () {
        var ticked = boxes.some(function (b) { return b.checked; });
        return setErrors(node, shell.error, ticked || !node.hasAttribute('cd-required') ? [] : ['请勾选' + label]);
      }};
      // A refusal shown goes as soon as a box is ticked, not only at the next submit.
      boxes.forEach(function (b) { b.addEventListener('change', function () { if (node.classList.contains('has-error')) { control.check(); } }); });
      form.controls.push(control);
    },

    /**
     * A table of rows (add/remove). cd-columns: "key:kind:label[:optional]|…", kind one of unit
     * (picked from cd-units, a variable id → name), choice=<variable> (picked from that variable,
     * value → label), text or date. A table without cd-required may stay empty: a row left wholly
     * blank is neither checked nor sent.
     */
    table: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
      var required = node.hasAttribute('cd-required');
      var columns = node.getAttribute('cd-columns').split('|').map(function (c) {
        var p = c.split(':'), kind = p[1].split('=');
        return {key: p[0], kind: kind[0], source: kind[1], label: p[2], optional: p[3] === 'optional'};
      });
      var units = unitOptions(form, node.getAttribute('cd-units'));
      var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
      var table = el('table', {cls: 'table table-bordered cd-table', id: shell.id});
      var head = el('tr', {}, [el('th', {text: '行'})]);
      columns.forEach(function (c) { head.appendChild(el('th', {text: c.label})); });
      head.appendChild(el('th', {text: ''}));
      table.appendChild(el('thead', {}, [head]));
      var body = el('tbody');
      table.appendChild(body);
      var rows = [];
      function renumber() { rows.forEach(function (r, i) { r.no.textContent = String(i + 1); }); }
      function addRow(value) {
        value = value || {};
        var tr = el('tr', {cls: 'cd-row'});
        var row = {tr: tr, cells: {}, no: el('td', {cls: 'cd-row-no'})};
        tr.appendChild(row.no);
        columns.forEach(function (c) {
          var td = el('td', {'data-column': c.key});
          var control;
          if (c.kind === 'unit' || c.kind === 'choice') {
            var choice = c.kind === 'unit';
            control = el('select', {cls: 'form-control ' + (choice ? 'cd-unit' : 'cd-choice')});
            control.appendChild(el('option', {value: '', text: choice ? '请选择单位' : (c.optional ? '（不选）' : '请选择')}));
            (choice ? units : unitOptions(form, c.source)).forEach(function (u) {
              var o = el('option', {value: u.id, text: u.name});
              if (u.id === String(value[c.key] === null || value[c.key] === undefined ? '' : value[c.key])) { o.selected = true; }
              control.appendChild(o);
            });
            row.cells[c.key] = function () { return control.value; };
          } else if (c.kind === 'date') {
            var d = dateInput(null, value[c.key]);
            control = d.node;
            row.cells[c.key] = function () { return d.input.value.trim(); };
          } else {
            control = el('input', {type: 'text', cls: 'form-control cd-cell-text'});
            control.value = value[c.key] || '';
            row.cells[c.key] = function () { return control.value.trim(); };
          }
          td.appendChild(control);
          tr.appendChild(td);
        });
        var remove = el('button', {type: 'button', cls: 'btn btn-default btn-sm cd-remove-row', text: '删除'});
        remove.addEventListener('click', function () {
          rows.splice(rows.indexOf(row), 1);
          body.removeChild(tr);
          if (row.errorRow.parentNode) { body.removeChild(row.errorRow); }
          renumber();
        });
        tr.appendChild(el('td', {}, [remove]));
        row.errorRow = el('tr', {cls: 'cd-row-error'}, [el('td', {colspan: String(columns.length + 2)})]);
        rows.push(row);
        body.appendChild(tr);
        renumber();
      }
      var existing = Array.isArray(form.values[name]) ? form.values[name] : [];
      (existing.length ? existing : [{}]).forEach(addRow);
      var add = el('button', {type: 'button', cls: 'btn btn-default cd-add-row', text: '＋ 添加一行'});
      add.addEventListener('click', function () { addRow({}); });
      node.appendChild(table);
      node.appendChild(add);
      node.appendChild(shell.error);
      if (shell.hint) { node.appendChild(shell.hint); }
      function blank(r) { return !required && columns.every(function (c) { return !r.cells[c.key](); }); }
      form.controls.push({name: name, node: node, value: function () {
        return rows.filter(function (r) { return !blank(r); }).map(function (r) {
          var v = {};
          columns.forEach(function (c) { v[c.key] = r.cells[c.key](); });
          return v;
        });
      }, check: function () {
        var any = false;
        rows.forEach(function (r, i) {
          var problems = [];
          columns.forEach(function (c) {
            var v = r.cells[c.key]();
            var at = c.label;
            if (blank(r) || !v && c.optional) { return; }
            if (!v) { problems.push(at + '：' + (c.kind === 'unit' || c.kind === 'choice' ? '请选择' : '请填写')); return; }
            if (c.kind === 'date') {
              var d = parseIso(v);
              var deadline = parseIso(form.values.deadlineDate);
              if (!d) { problems.push(at + '：“' + v + '”不是有效日期，请按 年-月-日 填写，如 ' + today()); }
              else if (d < today()) { problems.push(at + '：' + d + ' 已经过去'); }
              else if (deadline && deadline >= today() && d > deadline) { problems.push(at + '：' + d + ' 晚于本项工作的完成时限 ' + deadline); }
            }
          });
          var cell = r.errorRow.firstChild;
          cell.textContent = problems.length ? '第' + (i + 1) + '行 · ' + problems.join('；') : '';
          r.tr.classList.toggle('danger', problems.length > 0);
          if (problems.length) {
            any = true;
            r.tr.parentNode.insertBefore(r.errorRow, r.tr.nextSibling);
          } else if (r.errorRow.parentNode) {
            r.errorRow.parentNode.removeChild(r.errorRow);
          }
        });
        var problems = !required || rows.length ? [] : ['请至少填写一行'];
        setErrors(node, shell.error, problems);
        return any || problems.length ? ['x'] : [];
      }});
    },

    /** Evidence files: picked, checked (type, size, count) and read at once; sent as File variables on submit. */
    files: function (form, node) {
      var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label') || '佐证材料（附件）';
      var shell = fieldShell(form, node, name, label, null);
      var input = el('input', {type: 'file', multiple: 'multiple', id: shell.id, cls: 'cd-file-input',
        accept: EXTENSIONS.map(function (e) { return '.' + e; }).join(',')});
      // The browser's own file button speaks the browser's language: a Chinese button stands in for it.
      input.style.display = 'none';
      var choose = el('button', {type: 'button', cls: 'btn btn-default cd-file-choose'},
        [el('span', {cls: 'glyphicon glyphicon-paperclip'}), ' 选择文件…']);
      choose.addEventListener('click', function () { input.click(); });
      var list = el('ul', {cls: 'cd-file-list'});
      var control = {name: name, node: node, files: [], value: function () { return control.files; }};
      function draw() {
        list.innerHTML = '';
        control.files.forEach(function (f, i) {
          var remove = el('button', {type: 'button', cls: 'btn btn-link btn-xs', text: '移除'});
          remove.addEventListener('click', function () { control.files.splice(i, 1); draw(); });
          list.appendChild(el('li', {}, [f.name + '（' + (f.size < 1024 * 1024 ? Math.max(1, Math.round(f.size / 1024)) + ' KB' : (f.size / 1024 / 1024).toFixed(1) + ' MB') + '）' + (f.base64 ? '' : ' 读取中…') + ' ', remove]));
        });
      }
      input.addEventListener('change', function () {
        var problems = [];
        Array.prototype.forEach.call(input.files, function (file) {
          var ext = file.name.indexOf('.') < 0 ? '' : file.name.substring(file.name.lastIndexOf('.') + 1).toLowerCase();
          if (EXTENSIONS.indexOf(ext) < 0) { problems.push('“' + file.name + '”不是可接受的文件类型（只能上传图片、PDF、Word 或 Excel 文件）'); return; }
          if (file.size > MAX_FILE_BYTES) { problems.push('“' + file.name + '”超过 5 MB'); return; }
          if (file.size === 0) { problems.push('“' + file.name + '”是空文件'); return; }
          if (control.files.length >= MAX_FILES) { problems.push('最多上传 ' + MAX_FILES + ' 个文件，“' + file.name + '”未加入'); return; }
          var entry = {name: file.name, type: file.type, size: file.size, base64: null};
          control.files.push(entry);
          var reader = new FileReader();
          reader.onload = function () {
            var url = String(reader.result);
            entry.base64 = url.substring(url.indexOf(',') + 1);
            draw();
          };
          reader.readAsDataURL(file);
        });
        input.value = '';
        setErrors(node, shell.error, problems);
        draw();
      });
      control.check = function () { return setErrors(node, shell.error, []); };
      node.appendChild(input);
      node.appendChild(choose);
      node.appendChild(list);
      node.appendChild(el('div', {cls: 'help-block', text: (node.getAttribute('cd-hint') || '') + '可上传图片（jpg、png 等）、PDF、Word 或 Excel 文件，每个不超过 5 MB，最多 ' + MAX_FILES + ' 个。'}));
      node.appendChild(shell.error);
      form.controls.push(control);
    },

    /** The key task's dossier (the ledger's history): contributions with files, monthly reports, overdue and extension history. */
    dossier: function (form, node) {
      node.classList.add('cd-dossier');
      node.appendChild(el('div', {cls: 'cd-muted', text: '正在读取本项工作的办理材料…'}));
      if (!form.processInstanceId) { return; }
      fetch('/api/ledger/' + encodeURIComponent(form.processInstanceId) + '/dossier', {credentials: 'same-origin',
        headers: {'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json'}})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (d) { node.innerHTML = ''; drawDossier(node, d, attrList(node, 'cd-sections')); node.setAttribute('cd-loaded', 'true'); })
        .catch(function () { node.innerHTML = ''; node.appendChild(el('div', {cls: 'alert alert-warning', text: '办理材料暂时无法读取，请稍后刷新本页。'})); });
    }
  };

  /**
   * The files submitted in this process (a rectification, a score appeal), step by step, for the
   * step that reviews them; cd-match names the variable whose value the steps' names end with.
   */
  RENDER['process-files'] = function (form, node) {
    node.classList.add('cd-process-files');
    node.appendChild(el('div', {cls: 'cd-muted', text: '正在读取佐证材料…'}));
    if (!form.processInstanceId) { return; }
    fetch('/api/ledger/process/' + encodeURIComponent(form.processInstanceId) + '/files', {credentials: 'same-origin',
      headers: {'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json'}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (steps) {
        node.innerHTML = '';
        // cd-match: only the steps of this unit (their task names end with " · <unit name>").
        var match = node.getAttribute('cd-match'), unit = match ? String(form.values[match] || '') : '';
        steps = steps.filter(function (s) { return !match || String(s.step).slice(-(unit.length + 3)) === ' · ' + unit; });
        section(node, node.getAttribute('cd-label') || '佐证材料', ['环节', '提交时间', '附件'], steps.map(function (s) {
          return [s.step, time(s.submitted), fileLinks(s.files)];
        }), '未提交佐证材料。');
        node.setAttribute('cd-loaded', 'true');
      })
      .catch(function () { node.innerHTML = ''; node.appendChild(el('div', {cls: 'alert alert-warning', text: '佐证材料暂时无法读取，请稍后刷新本页。'})); });
  };

  function textControl(form, node, multiline) {
    var name = node.getAttribute('cd-field'), label = node.getAttribute('cd-label');
    var shell = fieldShell(form, node, name, label, node.getAttribute('cd-hint'));
    var input = el(multiline ? 'textarea' : 'input', multiline ? {cls: 'form-control', id: shell.id, rows: '4'}
      : {cls: 'form-control', id: shell.id, type: 'text'});
    input.value = form.values[name] === null || form.values[name] === undefined ? '' : String(form.values[name]);
    node.appendChild(input);
    node.appendChild(shell.error);
    if (shell.hint) { node.appendChild(shell.hint); }
    form.controls.push({name: name, node: node, value: function () { return input.value; }, check: function () {
      return setErrors(node, shell.error, textRules(node, label, input.value));
    }});
  }

  /** A table's choices from a JSON object variable, value → label: by default the key task's units (unitNames: id → name). */
  function unitOptions(form, variable) {
    var names = form.values[variable || 'unitNames'];
    if (typeof names === 'string') { names = safeJson(names); }
    return Object.keys(names || {}).map(function (id) { return {id: id, name: names[id]}; });
  }

  function fileLinks(files) {
    if (!files || !files.length) { return el('span', {cls: 'cd-muted', text: '无'}); }
    var span = el('span', {cls: 'cd-files'});
    files.forEach(function (f, i) {
      if (i) { span.appendChild(document.createTextNode('、')); }
      span.appendChild(f.url ? el('a', {href: f.url, target: '_blank', rel: 'noopener', cls: 'cd-file-link', text: f.name})
        : el('span', {title: '仅协调人、牵头责任领导、牵头单位和提交单位可打开', text: f.name + '（无权打开）'}));
    });
    return span;
  }

  function submittedText(map) {
    return Object.keys(map || {}).filter(function (k) { return k !== '责任单位'; }).map(function (k) { return k + '：' + map[k]; }).join('\n');
  }

  function section(node, title, headers, rows, empty) {
    node.appendChild(el('h4', {cls: 'cd-section-title', text: title}));
    if (!rows.length) { node.appendChild(el('p', {cls: 'cd-muted', text: empty})); return; }
    var table = el('table', {cls: 'table table-condensed table-bordered cd-dossier-table'});
    table.appendChild(el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', {text: h}); }))]));
    var body = el('tbody');
    rows.forEach(function (cells) {
      body.appendChild(el('tr', {}, cells.map(function (c) { return el('td', {cls: 'cd-pre'}, [c]); })));
    });
    table.appendChild(body);
    node.appendChild(table);
  }

  function drawDossier(node, d, sections) {
    var all = !sections.length;
    function want(s) { return all || sections.indexOf(s) >= 0; }
    if (want('contributions')) {
      section(node, '责任单位落实情况', ['责任单位', '状态', '完成时间', '落实情况', '附件'], d.contributions.map(function (c) {
        return [c.unit, c.status, time(c.ended), submittedText(c.submitted), fileLinks(c.files)];
      }), '本项工作没有分给责任单位的落实任务。');
      node.appendChild(el('p', {cls: d.openContributions.length ? 'cd-open-contributions text-warning' : 'cd-open-contributions cd-muted',
        text: d.openContributions.length ? '尚未完成落实的责任单位：' + d.openContributions.join('、') : '各责任单位均已完成落实。'}));
    }
    if (want('reports')) {
      section(node, '月度进展报告', ['报告', '状态', '报送期限', '报送时间', '内容', '附件'], d.reports.map(function (r) {
        return [r.name, r.status, time(r.due), time(r.ended), submittedText(r.submitted), fileLinks(r.files)];
      }), '尚无月度进展报告。');
    }
    if (want('requests')) {
      section(node, '办结申请及整改', ['环节', '状态', '提交时间', '内容', '附件'], d.completionRequests.filter(function (r) { return r.ended; }).map(function (r) {
        return [r.name, r.status, time(r.ended), submittedText(r.submitted), fileLinks(r.files)];
      }), '尚未提交办结申请。');
    }
    if (want('deadlines')) {
      section(node, '逾期记录', ['监督事项', '期限', '是否逾期', '开始', '结束'], d.deadlines.map(function (w) {
        return [w.subject, w.dueDate || '', w.overdue ? '已逾期' : '未逾期', time(w.started), time(w.ended)];
      }).concat(d.escalations.map(function (e) { return [e.name, '', String(e.value), time(e.time), '']; })), '没有期限监督记录。');
    }
    if (want('extensions')) {
      section(node, '延期记录', ['申请时间', '申请延期至', '理由', '审批结果', '审批意见'], d.extensions.map(function (x) {
        return [time(x.requestedAt), x.requestedDate, x.reason || '', x.decision, x.comment || ''];
      }), '没有延期申请。');
    }
    if (want('acceptances')) {
      section(node, '以往验收', ['环节', '状态', '时间', '意见'], d.acceptances.filter(function (r) { return r.ended; }).map(function (r) {
        return [r.name, r.status, time(r.ended), submittedText(r.submitted)];
      }), '此前没有验收记录。');
    }
  }

  window.CdForms = {
    /** Renders the form once its values are read; returns the object whose submit() camForm's submit event asks. */
    start: function (camForm) {
      loadCss();
      var form = new Form(camForm);
      form.ready = form.load().then(function () { form.render(); });
      return form;
    },
    parseIso: parseIso
  };
})();
