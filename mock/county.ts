/**
 * The mock host OA's directory: 清河县, a fictional county with its government
 * office, county departments (县直部门), townships (乡镇) and the people who hold
 * the roles R1–R15 of the supervision procedures. Plain data, no logic.
 */

/** A unit of the mock county. */
export interface CountyUnit {
  id: string;
  name: string;
  kind: 'office' | 'department' | 'township';
  /** The domain (分管领域) a county leader (R3) oversees this unit under. */
  domain?: string;
  sort: number;
}

/** A person of the mock county with the roles they hold; `scope` narrows a role (R3: a domain). */
export interface CountyPerson {
  id: string;
  name: string;
  unitId: string;
  title: string;
  roles: { role: string; scope?: string }[];
  /** R6 only: the units this 县政府办副主任 liaises with. */
  liaises?: string[];
}

/** The county's name and the short form used in document numbers (X政督函〔2026〕12号). */
export const county = { name: '清河县', shortName: '清' } as const;

/** Role ids and their Chinese names (R1–R15 of the procedures, plus the administrator). */
export const roles: { id: string; name: string }[] = [
  { id: 'R1', name: '县长' },
  { id: 'R2', name: '常务副县长' },
  { id: 'R3', name: '分管副县长' },
  { id: 'R4', name: '分管督查工作副县长' },
  { id: 'R5', name: '县政府办主任' },
  { id: 'R6', name: '县政府办副主任（联系单位）' },
  { id: 'R7', name: '督查室主任' },
  { id: 'R8', name: '督查室承办人员' },
  { id: 'R9', name: '县政府办文秘室' },
  { id: 'R10', name: '县政府办机要室' },
  { id: 'R11', name: '业务主管部门' },
  { id: 'R12', name: '承办单位' },
  { id: 'R13', name: '督查组' },
  { id: 'R14', name: '交办/批办领导' },
  { id: 'R15', name: '县绩效办' },
  { id: 'ADMIN', name: '系统管理员' },
];

/** Units: the government office and its rooms, the 绩效办, county departments and townships. */
export const units: CountyUnit[] = [
  { id: 'xzf', name: '县人民政府', kind: 'office', sort: 1 },
  { id: 'xzfb', name: '县政府办公室', kind: 'office', sort: 2 },
  { id: 'dcs', name: '县政府督查室', kind: 'office', sort: 3 },
  { id: 'jxb', name: '县绩效办', kind: 'office', sort: 4 },
  { id: 'fgj', name: '县发展和改革局', kind: 'department', domain: '发展改革与工业经济', sort: 10 },
  { id: 'czj', name: '县财政局', kind: 'department', domain: '财政金融', sort: 11 },
  { id: 'jyj', name: '县教育局', kind: 'department', domain: '教育科技', sort: 12 },
  { id: 'wjj', name: '县卫生健康局', kind: 'department', domain: '卫生健康', sort: 13 },
  { id: 'zjj', name: '县住房和城乡建设局', kind: 'department', domain: '城乡建设与交通', sort: 14 },
  { id: 'jtj', name: '县交通运输局', kind: 'department', domain: '城乡建设与交通', sort: 15 },
  { id: 'nyj', name: '县农业农村局', kind: 'department', domain: '农业农村', sort: 16 },
  { id: 'zrj', name: '县自然资源局', kind: 'department', domain: '自然资源与生态环境', sort: 17 },
  { id: 'sthj', name: '县生态环境分局', kind: 'department', domain: '自然资源与生态环境', sort: 18 },
  { id: 'scj', name: '县市场监督管理局', kind: 'department', domain: '商务招商', sort: 19 },
  { id: 'yjj', name: '县应急管理局', kind: 'department', domain: '应急管理与安全生产', sort: 20 },
  { id: 'mzj', name: '县民政局', kind: 'department', domain: '民政与社会保障', sort: 21 },
  { id: 'wlj', name: '县文化和旅游局', kind: 'department', domain: '文化旅游', sort: 22 },
  { id: 'cgz', name: '城关镇', kind: 'township', domain: '农业农村', sort: 30 },
  { id: 'hxz', name: '河西镇', kind: 'township', domain: '农业农村', sort: 31 },
  { id: 'qtx', name: '桥头乡', kind: 'township', domain: '农业农村', sort: 32 },
  { id: 'llx', name: '柳林乡', kind: 'township', domain: '农业农村', sort: 33 },
];

const handler = (id: string, name: string, unitId: string, title: string, lead = false): CountyPerson => ({
  id,
  name,
  unitId,
  title,
  // The first handler of a department also speaks for it as 业务主管部门 (R11).
  roles: lead ? [{ role: 'R12' }, { role: 'R11' }] : [{ role: 'R12' }],
});

/** People: leaders, the office, and one or two handlers (承办人) per unit. */
export const people: CountyPerson[] = [
  { id: 'wangjianguo', name: '王建国', unitId: 'xzf', title: '县长', roles: [{ role: 'R1' }, { role: 'R14' }] },
  { id: 'limh', name: '李明华', unitId: 'xzf', title: '常务副县长', roles: [{ role: 'R2' }, { role: 'R14' }, { role: 'R3', scope: '综合政务' }, { role: 'R3', scope: '财政金融' }, { role: 'R3', scope: '商务招商' }] },
  {
    id: 'zhangzq',
    name: '张志强',
    unitId: 'xzf',
    title: '副县长',
    roles: [{ role: 'R3', scope: '教育科技' }, { role: 'R3', scope: '卫生健康' }, { role: 'R3', scope: '民政与社会保障' }, { role: 'R3', scope: '文化旅游' }, { role: 'R14' }],
  },
  {
    id: 'liuhm',
    name: '刘红梅',
    unitId: 'xzf',
    title: '副县长',
    roles: [{ role: 'R3', scope: '农业农村' }, { role: 'R3', scope: '自然资源与生态环境' }, { role: 'R14' }],
  },
  {
    id: 'chengd',
    name: '陈国栋',
    unitId: 'xzf',
    title: '副县长',
    roles: [{ role: 'R3', scope: '发展改革与工业经济' }, { role: 'R3', scope: '城乡建设与交通' }, { role: 'R3', scope: '应急管理与安全生产' }, { role: 'R14' }],
  },
  { id: 'zhaozh', name: '赵振华', unitId: 'xzf', title: '副县长（分管督查工作）', roles: [{ role: 'R4' }, { role: 'R3', scope: '政法信访' }, { role: 'R14' }] },
  { id: 'sunlx', name: '孙立新', unitId: 'xzfb', title: '县政府办主任', roles: [{ role: 'R5' }] },
  { id: 'zhouwb', name: '周文斌', unitId: 'xzfb', title: '县政府办副主任', roles: [{ role: 'R6' }], liaises: ['fgj', 'czj', 'jtj', 'zjj', 'yjj'] },
  { id: 'wuxy', name: '吴晓燕', unitId: 'xzfb', title: '县政府办副主任', roles: [{ role: 'R6' }], liaises: ['jyj', 'wjj', 'scj', 'sthj', 'mzj', 'wlj'] },
  { id: 'zhenght', name: '郑海涛', unitId: 'xzfb', title: '县政府办副主任', roles: [{ role: 'R6' }], liaises: ['nyj', 'zrj', 'cgz', 'hxz', 'qtx', 'llx'] },
  { id: 'qianzy', name: '钱志远', unitId: 'dcs', title: '督查室主任', roles: [{ role: 'R7' }, { role: 'R13' }] },
  { id: 'fengxl', name: '冯晓丽', unitId: 'dcs', title: '督查室科员', roles: [{ role: 'R8' }, { role: 'R13' }] },
  { id: 'hejj', name: '何俊杰', unitId: 'dcs', title: '督查室科员', roles: [{ role: 'R8' }, { role: 'R13' }] },
  { id: 'xujing', name: '许静', unitId: 'dcs', title: '督查室科员', roles: [{ role: 'R8' }, { role: 'R13' }] },
  { id: 'zhulj', name: '朱丽娟', unitId: 'xzfb', title: '文秘室科员', roles: [{ role: 'R9' }] },
  { id: 'mads', name: '马德胜', unitId: 'xzfb', title: '机要室科员', roles: [{ role: 'R10' }] },
  { id: 'linsf', name: '林淑芬', unitId: 'jxb', title: '县绩效办主任', roles: [{ role: 'R15' }] },
  { id: 'gaoyuan', name: '高原', unitId: 'xzfb', title: '信息中心系统管理员', roles: [{ role: 'ADMIN' }] },
  handler('fgj01', '黄志刚', 'fgj', '办公室主任', true),
  handler('czj01', '杨丽华', 'czj', '办公室主任', true),
  handler('czj02', '罗斌', 'czj', '科员'),
  handler('jyj01', '徐海燕', 'jyj', '办公室主任', true),
  handler('jyj02', '谢文杰', 'jyj', '科员'),
  handler('wjj01', '韩雪', 'wjj', '办公室主任', true),
  handler('zjj01', '唐建军', 'zjj', '办公室主任', true),
  handler('zjj02', '冯磊', 'zjj', '科员'),
  handler('jtj01', '曹勇', 'jtj', '办公室主任', true),
  handler('nyj01', '彭桂兰', 'nyj', '办公室主任', true),
  handler('nyj02', '曾涛', 'nyj', '科员'),
  handler('zrj01', '萧红', 'zrj', '办公室主任', true),
  handler('sthj01', '田野', 'sthj', '办公室主任', true),
  handler('scj01', '董雅琴', 'scj', '办公室主任', true),
  handler('yjj01', '袁刚', 'yjj', '办公室主任', true),
  handler('mzj01', '孔令辉', 'mzj', '办公室主任', true),
  handler('wlj01', '白雪梅', 'wlj', '办公室主任', true),
  handler('cgz01', '潘晓东', 'cgz', '党政办主任'),
  handler('cgz02', '蒋丽', 'cgz', '党政办科员'),
  handler('hxz01', '蔡明', 'hxz', '党政办主任'),
  handler('qtx01', '余芳', 'qtx', '党政办主任'),
  handler('llx01', '杜国强', 'llx', '党政办主任'),
  handler('llx02', '叶倩', 'llx', '党政办科员'),
];
