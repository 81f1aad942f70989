// Text the review page shows, by language: the page's message bundle. Code reads it through
// t(key, ...args); markup names it in data-msg (text) and data-msg-placeholder (placeholders).
// English is the default; zh-CN is used when the browser prefers Chinese, or when chosen on the
// page. To translate, add or correct entries here; keys never change. ReviewMessagesTest checks
// that both languages have every key and that every key the page uses exists.
'use strict';

const MESSAGES = {
  en: {
    'app.title': 'camvault review',
    'lang.label': 'Language',
    'signin.token': 'Access token',
    'signin.button': 'Sign in',
    'signin.hint': 'The token is kept in this tab only and sent as a bearer token; video, photo and download links carry it as access_token, which the gateway accepts only for reading content and never logs.',
    'signin.refused': 'This token may not review footage.',
    'signin.failed': 'Sign-in failed: {0}',
    'signin.rejected': 'Your token was not accepted.',
    'signout': 'Sign out',
    'who': 'Signed in as {0} ({1})',
    'role.dock': 'dock', 'role.recorder': 'recorder', 'role.clerk': 'clerk', 'role.supervisor': 'supervisor',
    'role.auditor': 'auditor', 'role.admin': 'administrator',
    'search.officer': 'Officer', 'search.officer.placeholder': 'name or badge',
    'search.recorder': 'Recorder', 'search.recorder.placeholder': 'serial',
    'search.case': 'Case', 'search.case.placeholder': 'case number',
    'search.from': 'From', 'search.to': 'To', 'search.zone': 'times in {0}',
    'search.marked': 'marked important only',
    'search.button': 'Search',
    'search.one': 'Search by one of officer, recorder or case at a time.',
    'search.order': '"From" must be before "To".',
    'search.failed': 'Search failed: {0}',
    'search.new': '{0} new',
    'search.none': 'No recordings match.',
    'officer.unknown': 'No officer is named {0}; searching it as a badge.',
    'officer.several': 'Several officers are named {0}: {1}. Enter the badge.',
    'officer.one': '{0} (badge {1})',
    'timeline.title': 'Timeline',
    'timeline.officer': '{0}: {1} to {2}',
    'timeline.more': 'Showing the first {0} of {1} days.',
    'timeline.gap': 'no recording for {0} min',
    'timeline.unknown': 'duration unknown',
    'timeline.filtered': 'not marked important (hidden from the results)',
    'timeline.legend': 'Bars: recordings (red: marked important, grey: not in the results); hatched: no recording exists.',
    'results.title': 'Results',
    'results.more': 'More',
    'kind.audio': 'audio',
    'kind.photo': 'photo',
    'kind.none': 'no picture',
    'item.officer': '{0} · recorder {1}',
    'item.length': 'length {0}',
    'trigger.scheduled': 'scheduled', 'trigger.manual': 'manual', 'trigger.marked': 'marked important',
    'trigger.event': 'event',
    'late': 'uploaded late',
    'unknown': 'unknown',
    'viewer.title': '{0} — {1}, {2}',
    'player.preparing': 'Preparing a browser-playable version…',
    'player.unplayable': 'This recording cannot be played in a browser ({0}). Download the original to view it.',
    'player.error': 'The player could not load this footage.',
    'player.photo': 'Photo',
    'clip.in': 'Mark in', 'clip.out': 'Mark out', 'clip.exact': 'exact (re-encode)', 'clip.create': 'Create clip',
    'clip.cutting': 'cutting…', 'clip.failed': 'Clip failed: {0}', 'clip.link': 'clip {0}–{1} s',
    'facts.title': 'Details',
    'custody.title': 'Custody trail',
    'original.download': 'Download original',
    'fact.officer': 'officer', 'fact.unit': 'unit', 'fact.recorder': 'recorder', 'fact.station': 'dock station',
    'fact.recorded': 'recorded', 'fact.duration': 'duration', 'fact.declaredEnd': 'end declared by the uploader',
    'fact.ingested': 'reached the vault', 'fact.timeliness': 'timeliness', 'fact.clockDrift': 'recorder clock drift',
    'fact.trigger': 'trigger', 'fact.retention': 'retention', 'fact.sha256': 'SHA-256', 'fact.sm3': 'SM3',
    'fact.size': 'size', 'fact.media': 'media work', 'fact.playability': 'playability', 'fact.container': 'container',
    'fact.video': 'video', 'fact.audio': 'audio', 'fact.created': 'created (tag)', 'fact.location': 'location (tag)',
    'value.onTime': 'in time', 'value.late': 'late (after the upload deadline)', 'value.undecided': 'not decided',
    'value.drift': '{0} s (recorder ahead of the dock)', 'value.driftBehind': '{0} s (recorder behind the dock)',
    'value.bytes': '{0} bytes', 'value.permanent': '{0} (permanent)', 'value.until': '{0} until {1}',
    'value.seconds': '{0} s',
    'media.done': 'done', 'media.queued': 'queued', 'media.none': 'not started',
    'playability.playable': 'plays in a browser', 'playability.needs_transcode': 'plays through a converted copy',
    'playability.unplayable': 'cannot be played',
    'retention.routine': 'routine', 'retention.evidence': 'evidence', 'retention.permanent': 'permanent',
    'outcome.success': 'done', 'outcome.denied': 'refused',
  },
  'zh-CN': {
    'app.title': 'camvault 执法记录调阅',
    'lang.label': '语言',
    'signin.token': '访问令牌',
    'signin.button': '登录',
    'signin.hint': '令牌只保存在本标签页中，并作为 Bearer 令牌发送；视频、照片和下载链接以 access_token 携带令牌，网关仅在读取内容时接受它，且从不记录到日志。',
    'signin.refused': '此令牌无权调阅执法记录。',
    'signin.failed': '登录失败：{0}',
    'signin.rejected': '令牌未被接受。',
    'signout': '退出',
    'who': '当前用户：{0}（{1}）',
    'role.dock': '采集站', 'role.recorder': '执法记录仪', 'role.clerk': '证据管理员', 'role.supervisor': '监督人员',
    'role.auditor': '审计人员', 'role.admin': '系统管理员',
    'search.officer': '民警', 'search.officer.placeholder': '姓名或警号',
    'search.recorder': '记录仪', 'search.recorder.placeholder': '设备序列号',
    'search.case': '案件', 'search.case.placeholder': '案件编号',
    'search.from': '开始', 'search.to': '结束', 'search.zone': '时间按 {0}',
    'search.marked': '仅显示重要标记',
    'search.button': '搜索',
    'search.one': '民警、记录仪、案件每次只能按其中一项搜索。',
    'search.order': '“开始”必须早于“结束”。',
    'search.failed': '搜索失败：{0}',
    'search.new': '新增 {0} 条',
    'search.none': '没有符合条件的记录。',
    'officer.unknown': '没有名为 {0} 的民警，按警号搜索。',
    'officer.several': '有多名民警名为 {0}：{1}。请输入警号。',
    'officer.one': '{0}（警号 {1}）',
    'timeline.title': '时间轴',
    'timeline.officer': '{0}：{1} 至 {2}',
    'timeline.more': '仅显示 {1} 天中的前 {0} 天。',
    'timeline.gap': '{0} 分钟无记录',
    'timeline.unknown': '时长未知',
    'timeline.filtered': '未标记为重要（不在结果中）',
    'timeline.legend': '色条：录制内容（红色：重要标记，灰色：未列入结果）；斜线：该时段没有任何记录。',
    'results.title': '结果',
    'results.more': '更多',
    'kind.audio': '音频',
    'kind.photo': '照片',
    'kind.none': '无画面',
    'item.officer': '{0} · 记录仪 {1}',
    'item.length': '时长 {0}',
    'trigger.scheduled': '常规录制', 'trigger.manual': '手动录制', 'trigger.marked': '重要标记',
    'trigger.event': '事件触发',
    'late': '逾期上传',
    'unknown': '未知',
    'viewer.title': '{0} — {1}，{2}',
    'player.preparing': '正在准备可在浏览器播放的版本…',
    'player.unplayable': '此记录无法在浏览器中播放（{0}）。请下载原始文件查看。',
    'player.error': '播放器无法加载此记录。',
    'player.photo': '照片',
    'clip.in': '标记起点', 'clip.out': '标记终点', 'clip.exact': '精确剪辑（重新编码）', 'clip.create': '生成片段',
    'clip.cutting': '正在剪辑…', 'clip.failed': '剪辑失败：{0}', 'clip.link': '片段 {0}–{1} 秒',
    'facts.title': '详细信息',
    'custody.title': '保管记录',
    'original.download': '下载原始文件',
    'fact.officer': '民警', 'fact.unit': '单位', 'fact.recorder': '记录仪', 'fact.station': '采集站',
    'fact.recorded': '录制时间', 'fact.duration': '时长', 'fact.declaredEnd': '上传方申报的结束时间',
    'fact.ingested': '入库时间', 'fact.timeliness': '移交及时性', 'fact.clockDrift': '记录仪时钟偏差',
    'fact.trigger': '录制方式', 'fact.retention': '保存期限', 'fact.sha256': 'SHA-256', 'fact.sm3': 'SM3',
    'fact.size': '大小', 'fact.media': '媒体处理', 'fact.playability': '可播放性', 'fact.container': '封装格式',
    'fact.video': '视频', 'fact.audio': '音频', 'fact.created': '创建时间（标签）', 'fact.location': '位置（标签）',
    'value.onTime': '按时', 'value.late': '逾期（超过上传时限）', 'value.undecided': '未判定',
    'value.drift': '{0} 秒（记录仪快于采集站）', 'value.driftBehind': '{0} 秒（记录仪慢于采集站）',
    'value.bytes': '{0} 字节', 'value.permanent': '{0}（永久保存）', 'value.until': '{0}，保存至 {1}',
    'value.seconds': '{0} 秒',
    'media.done': '已完成', 'media.queued': '排队中', 'media.none': '未开始',
    'playability.playable': '可直接播放', 'playability.needs_transcode': '经转码副本播放',
    'playability.unplayable': '无法播放',
    'retention.routine': '常规', 'retention.evidence': '证据', 'retention.permanent': '永久',
    'outcome.success': '成功', 'outcome.denied': '被拒绝',
  },
};

function chosenLanguage() {
  const saved = localStorage.getItem('camvault.lang');
  if (saved && MESSAGES[saved]) { return saved; }
  return (navigator.languages || [navigator.language || 'en']).some((l) => /^zh/i.test(l)) ? 'zh-CN' : 'en';
}

let LANG = chosenLanguage();

function t(key, ...args) {
  const text = (MESSAGES[LANG] && MESSAGES[LANG][key]) || MESSAGES.en[key] || key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

function translatePage() {
  document.documentElement.lang = LANG;
  document.title = t('app.title');
  document.querySelectorAll('[data-msg]').forEach((n) => { n.textContent = t(n.dataset.msg); });
  document.querySelectorAll('[data-msg-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.msgPlaceholder); });
}

function setLanguage(lang) {
  if (!MESSAGES[lang]) { return; }
  LANG = lang;
  localStorage.setItem('camvault.lang', lang);
  translatePage();
}
