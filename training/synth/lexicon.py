"""Names for synthetic reports: agencies from real divisions and department types, people, titles, document numbers.

Agencies are built from ``govie/data/divisions.tsv`` (real province / prefecture / county
names, from the cpca package) and ``govie/data/departments.tsv`` (real department types by
level; ``govie.gazetteer`` reads both, and the rules find the same names in real reports),
so a report may come from 河北省教育厅, 湛江市住房和城乡建设局, 某县人民政府 or a 管委会 of
a development zone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

from govie.gazetteer import department_rows, division_rows

# 省级行政区 简称 (issuer codes of document numbers): standard one-character abbreviations.
PROVINCE_ABBR = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "内", "辽宁省": "辽",
    "吉林省": "吉", "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏", "浙江省": "浙", "安徽省": "皖",
    "福建省": "闽", "江西省": "赣", "山东省": "鲁", "河南省": "豫", "湖北省": "鄂", "湖南省": "湘",
    "广东省": "粤", "广西壮族自治区": "桂", "海南省": "琼", "重庆市": "渝", "四川省": "川", "贵州省": "黔",
    "云南省": "云", "西藏自治区": "藏", "陕西省": "陕", "甘肃省": "甘", "青海省": "青", "宁夏回族自治区": "宁",
    "新疆维吾尔自治区": "新",
}
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉宇鹏飞海波晓东立新春梅永健"
         "俊峰亮成彬林宏振宁世荣德胜海燕丹凤云博文昊雪松庆祥瑞金龙国庆卫红建军家豪子涵思远嘉怡宏伟")
TOWN_ROOTS = ("城关 新集 安和 太平 东关 西湖 南街 北关 石桥 河口 龙泉 清水 白沙 马头 高桥 柳林 青山 黄庄 双河 大营 "
              "三合 永丰 长安 兴隆 新民 红星 和平 金山 凤凰 桃源 中和 丰乐 仁和 古城 杨柳 铁佛 临江 官渡 东城 西城").split()
ZONE_KINDS = ("经济技术开发区", "高新技术产业开发区", "工业园区", "综合保税区", "新区", "旅游度假区", "综合实验区")


@dataclass(frozen=True)
class Dept:
    kind: str
    names: dict[str, str]     # level -> name (province / city / county)
    short_p: str
    short_c: str
    code: str
    first: int
    last: int


@dataclass
class Agency:
    """One reporting body (or another organ named in a report)."""

    name: str
    level: str                # province | city | county | town | zone
    kind: str                 # gov | dept | inst | zone
    short: str                # 省教育厅 / 市住建局 / 县政府
    self_ref: str             # 我厅 / 我局 / 我委 / 本机关 ...
    place: str                # 河北省 / 湛江市 / 平潭县
    prov: str
    code: str                 # document-number issuer code (冀教, 湛建, 厦湖府)
    gov_short: str            # the government above or of this place: 省政府 / 市政府 / 县政府
    gov_full: str
    gov_office: str           # 省政府办公厅 / 市政府办公室
    gov_code: str
    divisions: list[str] = field(default_factory=list)
    is_government: bool = False
    pre: str = ""             # the place prefix of its own short forms: 省 / 市 / 县 / 区


@lru_cache(maxsize=1)
def _by_level() -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str, str]]]:
    rows = division_rows()  # (province, city, county); county '' on prefecture rows
    provs = sorted({p for p, _, _ in rows if p in PROVINCE_ABBR})
    cities = sorted({(p, c) for p, c, x in rows if c and not x and p not in MUNICIPALITIES})
    counties = [(p, c, x) for p, c, x in rows if x and p in PROVINCE_ABBR]
    return provs, cities, counties


@lru_cache(maxsize=1)
def departments() -> list[Dept]:
    out = []
    for kind, p, c, x, sp, sc, code, first, last in department_rows():
        names = {lvl: n for lvl, n in (("province", p), ("city", c), ("county", x)) if n != "-"}
        out.append(Dept(kind, names, sp, sc, code, int(first), int(last)))
    return out


def _self_ref(name: str) -> str:
    for suf, ref in (("厅", "我厅"), ("委员会", "我委"), ("局", "我局"), ("办公室", "我办"), ("中心", "我中心"),
                     ("馆", "我馆"), ("社", "我社")):
        if name.endswith(suf):
            return ref
    return "本机关"


def _prov_prefix(prov: str) -> str:
    if prov in MUNICIPALITIES:
        return "市"
    return "自治区" if prov.endswith("自治区") else "省"


def _city_short(city: str) -> str:
    for suf in ("自治州", "地区", "盟", "市"):
        if city.endswith(suf) and len(city) > len(suf) + 1:
            return city[: -len(suf)]
    return city


def _code_char(name: str) -> str:
    return _city_short(name)[:1]


def _divisions_for(level: str, rng: random.Random, year: int) -> list[str]:
    col = {"province": "province", "city": "city"}.get(level, "county")
    pool = [d.names.get(col) or d.names.get("city", "") for d in departments() if d.kind == "internal"]
    pool = [p for p in pool if p]
    return rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))


def make_agency(rng: random.Random, year: int, level: str | None = None) -> Agency:
    """Returns a reporting agency for ``year``: a government, a department, an institution or a zone."""
    provs, cities, counties = _by_level()
    if level is None:
        level = rng.choices(["province", "city", "county", "town", "zone"], [30, 30, 26, 7, 7])[0]
    depts = [d for d in departments() if d.kind in ("dept", "inst") and d.first <= year <= d.last]

    if level == "province":
        prov = rng.choice([p for p in provs if p not in MUNICIPALITIES])
        pre = _prov_prefix(prov)
        gov_full, gov_short, gov_office = f"{prov}人民政府", f"{pre}政府", f"{pre}政府办公厅"
        gov_code = PROVINCE_ABBR[prov] + "政"
        place = prov
    elif level == "city":
        prov, city = rng.choice(cities)
        gov_full, gov_short, gov_office = f"{city}人民政府", "市政府" if city.endswith("市") else "州政府", "市政府办公室"
        if not city.endswith("市"):
            gov_full = f"{city}人民政府" if not city.endswith("地区") else f"{city}行政公署"
            gov_short, gov_office = ("州政府", "州政府办公室") if city.endswith("州") else ("行署", "行署办公室")
        gov_code = _code_char(city) + "府"
        place = city
    else:  # county, town, zone
        prov, city, county = rng.choice(counties)
        suffix = county[-1]
        unit = {"区": "区", "县": "县", "市": "市", "旗": "旗"}.get(suffix, "县")
        gov_full, gov_short, gov_office = f"{county}人民政府", f"{unit}政府", f"{unit}政府办公室"
        gov_code = (_code_char(city) if city else "") + county[:1] + "府"
        place = county if (rng.random() < 0.6 or not city) else city + county
    divs = _divisions_for(level if level in ("province", "city") else "county", rng, year)

    if level == "town":
        root = rng.choice(TOWN_ROOTS)
        kind_town = rng.choices(["镇", "乡", "街道"], [6, 3, 2])[0]
        town = root + kind_town
        name = f"{place}{town}人民政府" if kind_town != "街道" else f"{place}{town}办事处"
        if rng.random() < 0.5:
            name = name[len(place):]
        short = town if kind_town != "街道" else f"{town}办事处"
        return Agency(name, "town", "gov", short, "我镇" if kind_town == "镇" else ("我乡" if kind_town == "乡" else "我街道"),
                      town, prov, county[:1] + root[:1], gov_short, gov_full, gov_office, gov_code,
                      ["党政综合办公室", "社会事务办公室", "经济发展办公室", "便民服务中心"][: rng.randint(2, 4)], True)
    if level == "zone":
        base = city if city and rng.random() < 0.7 else county
        zone = _city_short(base) + rng.choice(ZONE_KINDS)
        name = zone + rng.choice(["管理委员会", "管委会"])
        short = "管委会"
        return Agency(name, "zone", "zone", short, "我区", zone, prov, _code_char(base) + rng.choice("开高园新综"),
                      "市政府", f"{city or county}人民政府", "市政府办公室", _code_char(base) + "府",
                      ["办公室", "经济发展局", "规划建设局", "社会事务局", "行政审批局"][: rng.randint(2, 5)], True)

    col = level
    short_pre = {"province": _prov_prefix(prov), "city": "市", "county": {"区": "区", "县": "县", "市": "市",
                                                                            "旗": "旗"}.get(place[-1], "县")}[level]
    pick = rng.random()
    if pick < 0.18:  # the government itself (or its general office); its "divisions" are its departments
        col_d = [d for d in depts if level in d.names and d.kind == "dept" and not d.names[level].startswith("人民政府")]
        divs = [short_pre + d.short_c if level != "province" else d.short_p
                for d in rng.sample(col_d, k=min(len(col_d), rng.randint(3, 6)))]
        if rng.random() < 0.7:
            name = gov_full
            short, self_ref = gov_short, {"province": "我省", "city": "我市"}.get(level, f"我{short_pre}")
        else:
            name = gov_full + ("办公厅" if level == "province" else "办公室")
            short, self_ref = gov_office, ("我厅" if level == "province" else "我办")
        # the government above it guides it and issues the documents it cites
        if level == "province":
            up = ("国务院", "国务院", "国务院办公厅", "国")
        elif level == "city":
            pp = _prov_prefix(prov)
            up = (f"{pp}政府", f"{prov}人民政府", f"{pp}政府办公厅", PROVINCE_ABBR[prov] + "政")
        elif city:
            up = ("市政府", f"{city}人民政府", "市政府办公室", _code_char(city) + "府")
        else:
            pp = _prov_prefix(prov)
            up = (f"{pp}政府", f"{prov}人民政府", f"{pp}政府办公厅", PROVINCE_ABBR[prov] + "政")
        return Agency(name, level, "gov", short, self_ref, place, prov,
                      gov_code + ("办" if "办公" in name else ""), up[0], up[1], up[2], up[3], divs, True,
                      pre=short_pre)
    cands = [d for d in depts if col in d.names and not d.names[col].startswith("人民政府办公")]
    d = rng.choice(cands)
    dname = d.names[col]
    if level == "province":
        name = f"{prov}{dname}"
        short = d.short_p
        code = PROVINCE_ABBR[prov] + d.code
    else:
        name = f"{place}{dname}"
        short = short_pre + d.short_c
        code = (_code_char(place) if level == "city" else place[:1]) + d.code
    return Agency(name, level, d.kind, short, _self_ref(dname), place, prov, code, gov_short, gov_full,
                  gov_office, gov_code, divs, pre=short_pre)


def person(rng: random.Random) -> str:
    s = rng.choice(SURNAMES)
    g = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.75 else "")
    return s + g


def docnum(rng: random.Random, code: str, year: int, *, style: str | None = None) -> str:
    """Returns a document number 〔year〕 in one of the bracket styles seen in the wild."""
    serial = rng.choice([rng.randint(1, 30), rng.randint(1, 200), rng.randint(1, 400)])
    kind = rng.choice(["发", "函", "字", "办发", "办函", "办", "发", "函", "规", "电"])
    if kind[0] == code[-1]:  # 桂政办 + 办发 -> 桂政办发, not 桂政办办发
        kind = kind[1:] or "发"
    issuer = code + kind
    if style is None:
        style = rng.choices(["〔〕", "[]", "［］", "﹝﹞", "()", "（）", "【】", "none"],
                            [50, 12, 5, 6, 6, 8, 7, 2])[0]
    di = "第" if rng.random() < 0.06 else ""
    if style == "none":  # brackets lost in extraction: 甘区政办发201756号
        return f"{issuer}{year}{serial}号"
    return f"{issuer}{style[0]}{year}{style[1]}{di}{serial}号"


# National organs named in local reports (public names of State Council bodies and Party organs).
NATIONAL_ORGANS = ("国务院", "国务院办公厅", "教育部", "财政部", "民政部", "公安部", "司法部", "审计署", "国家税务总局",
                   "国家统计局", "国家发展和改革委员会", "自然资源部", "生态环境部", "住房和城乡建设部", "交通运输部",
                   "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会", "应急管理部",
                   "人力资源和社会保障部", "工业和信息化部", "国家市场监督管理总局", "中央网信办", "国务院国资委",
                   "教育部办公厅", "财政部办公厅", "国务院教育督导委员会办公室", "中共中央办公厅")

# Ministry rules numbered as decrees (部门规章): issuer of the 令 and title patterns.
MINISTRY_DECREES = (("教育部", "高等学校信息公开办法"), ("教育部", "学校卫生工作管理办法"),
                    ("财政部", "财政票据管理办法"), ("国家环境保护总局", "环境信息公开办法（试行）"),
                    ("国土资源部", "国土资源信访规定"), ("公安部", "公安机关执法公开规定"),
                    ("国家税务总局", "纳税服务投诉管理办法"), ("住房和城乡建设部", "房屋建筑和市政基础设施工程施工招标投标管理办法"),
                    ("交通运输部", "交通运输行政执法程序规定"), ("民政部", "社会团体登记管理办法"))


def peer_agency(rng: random.Random, level: str, pre: str, place: str, year: int) -> str:
    """Returns another department of the same government: 省财政厅, 财政厅, 河北省统计局, 市统计局."""
    col = {"province": "province", "city": "city"}.get(level, "county")
    depts = [d for d in departments() if d.kind == "dept" and col in d.names and d.first <= year <= d.last
             and not d.names[col].startswith("人民政府")]
    d = rng.choice(depts)
    full = d.names[col]
    short = d.short_p if level == "province" else pre + d.short_c
    return rng.choices([short, full, place + full], [5, 2, 2])[0]


def upper_organs(rng: random.Random, level: str, pre: str) -> list[str]:
    """Returns the organs whose decisions a report says it carried out: 党中央、国务院 and 省委、省政府."""
    out = ["党中央", "国务院"] if rng.random() < 0.6 else []
    if level != "province" and rng.random() < 0.5:
        out += ["省委", "省政府"]
    top = {"province": "省", "city": "市"}.get(level, pre or "县")
    out += [f"{top}委", f"{top}政府"]
    return out


# National documents cited in reports (title, number, issuer). Public facts (INDICATORS_NOTES.md).
NATIONAL_DOCS = [
    ("国务院办公厅关于印发2018年政务公开工作要点的通知", "国办发〔2018〕23号", "国务院办公厅", (2018, 2019)),
    ("国务院办公厅关于印发2017年政务公开工作要点的通知", "国办发〔2017〕24号", "国务院办公厅", (2017, 2018)),
    ("关于全面推进政务公开工作的意见", "中办发〔2016〕8号", "中共中央办公厅、国务院办公厅", (2016, 2019)),
    ("国务院办公厅关于加强和规范政府信息公开情况统计报送工作的通知", "国办发〔2014〕32号", "国务院办公厅", (2014, 2018)),
    ("关于政府信息公开工作年度报告有关事项的通知", "国办公开办函〔2019〕60号", "国务院办公厅政府信息与政务公开办公室",
     (2019, 2020)),
    ("国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知",
     "国办公开办函〔2021〕30号", None, (2021, 2025)),
    ("政府信息公开信息处理费管理办法", "国办函〔2020〕109号", "国务院办公厅", (2021, 2025)),
]

LOCAL_TITLE_TEMPLATES = [
    "关于印发{year}年政务公开工作要点的通知", "关于做好{year}年政府信息公开工作年度报告编制发布工作的通知",
    "关于进一步加强政府信息公开工作的通知", "关于进一步做好政府信息依申请公开工作的通知",
    "{year}年政务公开工作要点分解落实方案", "关于全面推进基层政务公开标准化规范化工作的实施意见",
    "关于加强政策解读工作的实施意见", "关于进一步加强政务舆情回应工作的通知", "政务公开工作考核办法（试行）",
    "关于推进重大建设项目批准和实施领域政府信息公开的实施方案", "关于印发{year}年政府信息公开工作主要任务分解表的通知",
    "关于贯彻落实{year}年政务公开工作要点的通知", "关于加强政府网站信息内容建设的实施意见",
]
SYSTEM_TITLES = [
    "政府信息公开工作制度", "政府信息公开保密审查制度", "政府信息依申请公开工作规程", "政府信息公开工作考核制度",
    "政府信息公开责任追究制度", "信息发布协调制度", "新闻发言人制度", "政务舆情收集研判处置和回应制度",
    "政府信息公开社会评议制度", "政务公开工作考核评议办法", "政府网站信息发布管理办法",
]
GUIDE_TITLES = ["政府信息公开指南", "政府信息公开目录", "政府信息主动公开目录", "政府信息公开申请表"]
