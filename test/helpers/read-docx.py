"""Read a .docx with python-docx (Debian's python3-docx), a reader independent of ours, and print
what the official report's tests check as JSON: the body in order (paragraphs with their text,
alignment, size and runs' bold/italic/underline; tables with their cells' text and which rows
repeat as a header), the section's page size and margins in mm, the headers' text and whether the
first page has its own (empty) header, and the default font.

    /usr/bin/python3 test/helpers/read-docx.py FILE.docx
"""
import json
import sys

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

EMU_PER_MM = 36000


def para(p):
    runs = [
        {
            "text": r.text,
            "bold": bool(r.bold),
            "italic": bool(r.italic),
            "underline": bool(r.underline),
            "size": r.font.size.pt if r.font.size else None,
            "font": r.font.name,
        }
        for r in p.runs
    ]
    return {
        "kind": "paragraph",
        "text": p.text,
        "align": str(p.alignment) if p.alignment is not None else None,
        "runs": runs,
    }


def table(t):
    rows = []
    for row in t.rows:
        tr_pr = row._tr.trPr
        th = tr_pr.find(qn("w:tblHeader")) if tr_pr is not None else None
        header = th is not None and th.get(qn("w:val")) not in ("false", "0")
        cant_split = tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
        rows.append(
            {
                "header": header,
                "cantSplit": cant_split,
                "cells": [
                    {"text": c.text, "paragraphs": [para(p) for p in c.paragraphs]}
                    for c in row.cells
                ],
            }
        )
    return {"kind": "table", "rows": rows}


def main(path):
    d = docx.Document(path)
    body = []
    for child in d.element.body.iterchildren():
        if child.tag == qn("w:p"):
            body.append(para(Paragraph(child, d)))
        elif child.tag == qn("w:tbl"):
            body.append(table(Table(child, d)))
    s = d.sections[0]
    page = {
        "width": round(s.page_width / EMU_PER_MM, 1),
        "height": round(s.page_height / EMU_PER_MM, 1),
        "top": round(s.top_margin / EMU_PER_MM, 1),
        "bottom": round(s.bottom_margin / EMU_PER_MM, 1),
        "left": round(s.left_margin / EMU_PER_MM, 1),
        "right": round(s.right_margin / EMU_PER_MM, 1),
    }
    header_xml = s.header._element.xml if s.header is not None else ""
    out = {
        "body": body,
        "page": page,
        "differentFirstPage": bool(s.different_first_page_header_footer),
        "firstHeaderText": "".join(p.text for p in s.first_page_header.paragraphs),
        "headerHasPageField": "PAGE" in header_xml,
        "defaultFont": d.styles["Normal"].font.name,
        "title": d.core_properties.title,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
