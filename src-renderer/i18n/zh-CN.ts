import type { Messages } from './en';

export const zhCN: Messages = {
  app: {
    name: 'Switchboard 总机',
    tagline: '呼叫中心坐席桌面',
    loading: '正在连接坐席核心…',
  },
  language: {
    label: '语言',
    'zh-CN': '简体中文',
    en: 'English',
  },
  login: {
    title: '登录',
    tenant: '呼叫中心',
    username: '用户名',
    password: '密码',
    submit: '登录',
    required: '请输入{{field}}',
    demoHint: '演示账号：呼叫中心“demo”，用户“agent”，密码“switchboard-demo”。',
  },
  errors: {
    unauthorized: '呼叫中心、用户名或密码错误。',
    server_unreachable: '无法连接中心服务器，请检查网络后重试。',
    bad_request: '部分字段无效。',
    payload_too_large: '一次发送的数据过多。',
    forbidden: '您无权执行此操作。',
    unknown_command: '当前版本不支持该操作。',
    server_error: '中心服务器未能完成请求。',
    internal: '出现错误，请重试。',
  },
  shell: {
    signOut: '退出登录',
    signedInAs: '当前用户：{{name}}',
    serverOnline: '服务器在线',
    serverOffline: '服务器离线',
    roles: {
      agent: '坐席',
      supervisor: '班长',
      technician: '外勤维修',
      admin: '管理员',
    },
  },
  home: {
    agent: { title: '客户' },
    supervisor: {
      title: '现场概览',
      pending: '坐席与队列实时监控将随 CTI 链路一同提供。',
    },
    technician: {
      title: '我的工单',
      pending: '离线副本同步后，分配给您的工单将显示在这里。',
    },
    admin: {
      title: '系统管理',
      pending: '此版本暂不提供用户与班组管理。',
    },
  },
  customers: {
    searchLabel: '搜索客户',
    searchPlaceholder: '姓名、拼音首字母、电话或账号',
    total: '共 {{count}} 位客户',
    empty: '没有符合条件的客户。',
    columns: {
      name: '姓名',
      accountNumber: '账号',
      phones: '电话号码',
      vipTier: 'VIP 等级',
      city: '城市',
      tags: '标签',
    },
    vip: {
      none: '普通',
      silver: '银卡',
      gold: '金卡',
      platinum: '白金',
    },
  },
};
