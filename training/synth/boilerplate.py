"""Web-page furniture around a report: menus, share buttons, footers (no entities) and the page-metadata header.

Per the project rules, boilerplate (menus, 分享到, 打印本页, copyright, ICP and 公网安备
numbers, 索引号 values, date widgets) is not annotated; in page metadata the 发布机构 /
来源 value is AGENCY and the 发文日期 / 发布时间 value is DATE.
"""

from __future__ import annotations

import random

from .builder import DocBuilder
from .lexicon import PROVINCE_ABBR, Agency

_WEEK = "一二三四五六日"


def header_lines(rng: random.Random, ag: Agency, year: int) -> list[str]:
    place = ag.place
    menus = [
        f"首页 | 政务公开 | 政务服务 | 互动交流 | 走进{place}",
        "首页  新闻中心  政务公开  办事服务  政民互动  专题专栏",
        "网站首页\n机构概况\n政务公开\n政策文件\n互动交流",
        f"{place}人民政府门户网站 | 无障碍 | 长者模式 | 简体版 | 繁体版",
        "登录 | 注册 | 手机版 | English | 智能问答",
    ]
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    lines = [rng.choice(menus)]
    if rng.random() < 0.4:
        lines.insert(0, f"今天是：{year + rng.randint(1, 5)}年{m}月{d}日 星期{rng.choice(_WEEK)}")
    if rng.random() < 0.6:
        lines.append(rng.choice(["当前位置：首页 > 政务公开 > 政府信息公开年报",
                                 "您当前的位置：首页 >> 信息公开 >> 政府信息公开年度报告",
                                 "当前位置: 首页 > 政府信息公开 > 年度报告"]))
    if rng.random() < 0.5:
        lines.append(rng.choice(["【字体：大 中 小】", "字号：T | T", "【字体： 打印", "【大 中 小】 【打印】 【关闭】"]))
    if rng.random() < 0.4:
        lines.append(rng.choice(["分享到：微信 微博 QQ空间", "分享 微信\n微博 空间 qq", "分享到："]))
    return lines


def footer_lines(rng: random.Random, ag: Agency) -> list[str]:
    abbr = PROVINCE_ABBR.get(ag.prov, "京")
    icp = f"{abbr}ICP备{rng.randint(10000000, 99999999)}号" + rng.choice(["", f"-{rng.randint(1, 9)}"])
    gab = f"{abbr}公网安备 {rng.randint(10, 65)}{rng.randint(10 ** 11, 10 ** 12 - 1)}号"
    code = f"{rng.randint(10, 65)}{rng.randint(10 ** 7, 10 ** 8 - 1)}"
    lines = [rng.choice(["【打印本页】 【关闭窗口】", "打印本页 | 关闭窗口", "【打印】【关闭】", "文件下载:\n\n关联文件:"])]
    lines.append(rng.choice([
        f"版权所有：{ag.gov_full}  主办：{ag.gov_full}办公室",
        f"主办单位：{ag.name}  承办单位：{ag.name}办公室",
        f"版权所有 © {ag.name} 保留所有权利",
    ]))
    lines.append(f"网站标识码：{code}  {icp}  {gab}")
    if rng.random() < 0.5:
        lines.append(rng.choice(["联系我们 | 网站地图 | 网站声明", "技术支持：信息技术服务中心", "扫一扫在手机打开当前页"]))
    return lines


def page_meta(b: DocBuilder, rng: random.Random, ag: Agency, pub: tuple[int, int, int],
              title: list[tuple[str, str | None]]) -> None:
    """Writes a page-metadata header with the publication date (DATE) and the publisher (AGENCY)."""
    y, m, d = pub
    style = rng.randrange(4)
    iso = f"{y}-{m:02d}-{d:02d}"
    hh, mm, ss = rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)
    if style == 0:
        sep = rng.choice([" | ", "：", "\t"])
        idx = f"{rng.randint(10 ** 8, 10 ** 9 - 1):09d}/{y}-{rng.randint(1, 999):05d}"
        b.text(f"索引号{sep}{idx}{sep}分类{sep}{rng.choice(['政务公开', '年度报告', '综合政务'])}\n发布机构{sep}")
        b.add(ag.name, "AGENCY")
        b.text(f"{sep}发文日期{sep}")
        b.add(iso, "DATE")
        b.text(f"\n名称{sep}")
        for text, label in title:
            b.add(text, label)
        b.text(f"\n文号{sep}{sep}主题词{sep}年报\n")
    elif style == 1:
        b.text(rng.choice(["发布时间:", "发布时间：", "发布日期："]))
        b.add(f"{iso} {hh:02d}:{mm:02d}:{ss:02d}", "DATE")
        b.text(rng.choice([" 来源: ", "  来源：", " 信息来源："]))
        if rng.random() < 0.7:
            b.add(ag.name, "AGENCY")
        b.text(rng.choice([" 点击:", "  浏览次数：", ""]) + "\n")
    elif style == 2:
        b.add(f"{iso} {hh:02d}:{mm:02d}", "DATE")
        b.text("     来源: ")
        b.add(ag.name, "AGENCY")
        b.text("     作者:")
        b.add(ag.name, "AGENCY")
        b.text("\n")
    else:
        b.text("信息来源：")
        b.add(ag.name, "AGENCY")
        b.text(rng.choice(["  发布日期：", "  发布时间："]))
        b.add(rng.choice([iso, f"{y}年{m:02d}月{d:02d}日"]), "DATE")
        b.text("  【字体：大 中 小】\n")
