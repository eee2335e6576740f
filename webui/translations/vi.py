"""Vietnamese translations of the UI, kept as Python so they can be reviewed in one place.

``make translations`` extracts the messages, merges this table into
``vi/LC_MESSAGES/messages.po`` and compiles it; tests/test_i18n.py fails if a message has
no Vietnamese translation.
"""

VI = {
    "The request is too long.": "Yêu cầu quá dài.",
    "Bad request.": "Yêu cầu không hợp lệ.",
    "There is no such page or report.": "Không có trang hay báo cáo này.",
    "This address does not accept that method.": "Địa chỉ này không nhận phương thức đó.",
    "The request is too large.": "Yêu cầu quá lớn.",
    "Error.": "Lỗi.",
    "The search index is not built yet. Run: union-search index":
        "Chưa có chỉ mục tìm kiếm. Hãy chạy: union-search index",
    "Something went wrong on our side; the error was logged.":
        "Đã có lỗi phía máy chủ; lỗi đã được ghi lại.",
    "Province": "Tỉnh, thành phố",
    "District": "Quận, huyện",
    "School year": "Năm học",
    "Year": "Năm",
    "Report type": "Loại báo cáo",
    "Organisation": "Đơn vị",
    "Award": "Khen thưởng",
    "Person": "Người",
    "Previous match": "Kết quả khớp trước",
    "Next match": "Kết quả khớp sau",
    "Union report archive": "Kho báo cáo công đoàn",
    "Skip to content": "Chuyển đến nội dung",
    "Site": "Trang",
    "Search": "Tìm kiếm",
    "Search help": "Hướng dẫn tìm kiếm",
    "Language": "Ngôn ngữ",
    "Archive of Vietnamese trade-union reports. Everything here works offline and without JavaScript.":
        "Kho báo cáo của tổ chức công đoàn. Mọi chức năng dùng được khi không có mạng và không cần JavaScript.",
    "Back to results": "Quay lại kết quả",
    "Date": "Ngày",
    "Published": "Ngày đăng",
    "Semester": "Học kỳ",
    "Author": "Tác giả",
    "File": "Tệp",
    "Download the original file": "Tải tệp gốc",
    "Awards": "Khen thưởng",
    "Awarding body": "Cơ quan khen thưởng",
    "Collectives": "Tập thể",
    "Individuals": "Cá nhân",
    "People named": "Người được nhắc đến",
    "Text": "Nội dung",
    "Matches": "Kết quả khớp",
    ("%(num)s match of “%(q)s”", "%(num)s matches of “%(q)s”"):
        ("%(num)s chỗ khớp với “%(q)s”",),
    "first": "đầu tiên",
    "last": "cuối cùng",
    "(each match links to the previous ‹ and next › one)":
        "(mỗi chỗ khớp có liên kết đến chỗ trước ‹ và chỗ sau ›)",
    "No match of “%(q)s” in the text (it may match the title or the filters).":
        "Nội dung không có chỗ khớp với “%(q)s” (có thể khớp ở tiêu đề hoặc bộ lọc).",
    "Similar reports": "Báo cáo tương tự",
    "None found.": "Không tìm thấy.",
    "Sorry": "Xin lỗi",
    "Go to the search page": "Về trang tìm kiếm",
    "How to search": "Cách tìm kiếm",
    "Type words as you would write them, with or without diacritics. Every word must appear in a report.":
        "Gõ từ như khi viết, có dấu hoặc không dấu. Báo cáo phải chứa mọi từ đã gõ.",
    "Query language": "Cú pháp tìm kiếm",
    "You type": "Bạn gõ",
    "It finds": "Kết quả",
    "reports with every word; whole compound words rank first":
        "báo cáo chứa mọi từ; báo cáo có nguyên cụm từ xếp trước",
    "words typed without marks match with any marks": "gõ không dấu thì khớp với mọi dấu",
    "words typed with marks match exactly (năm, not nam)":
        "gõ có dấu thì khớp đúng dấu (năm, không phải nam)",
    "the exact phrase": "đúng cụm từ",
    "reports without this word": "báo cáo không có từ này",
    "either of the two": "một trong hai",
    "the abbreviation and its full form (cán bộ nhà giáo người lao động), both ways":
        "từ viết tắt và dạng đầy đủ (cán bộ nhà giáo người lao động) tìm thấy nhau",
    "document codes and dates as written": "số hiệu văn bản và ngày tháng như khi viết",
    "reports of a province": "báo cáo của một tỉnh, thành phố",
    "reports of a district": "báo cáo của một quận, huyện",
    "reports of a school year": "báo cáo của một năm học",
    "reports dated in a year, or a range of years": "báo cáo trong một năm, hoặc một khoảng năm",
    "reports of a type (sơ kết học kỳ, tổng kết năm học, đại hội, khen thưởng, khác)":
        "báo cáo theo loại (sơ kết học kỳ, tổng kết năm học, đại hội, khen thưởng, khác)",
    "reports that record this award": "báo cáo có hình thức khen thưởng này",
    "reports that name this person": "báo cáo có nhắc đến người này",
    "reports not of this province": "báo cáo không thuộc tỉnh này",
    "Filters also have English names: province, district, school_year, year, type, award, person, organization. The filters in the side bar do the same with a click; choose several values of one filter to see any of them.":
        "Bộ lọc có cả tên tiếng Anh: province, district, school_year, year, type, award, person, organization. Các bộ lọc ở cột bên làm việc này chỉ bằng một cú nhấp; chọn nhiều giá trị của một bộ lọc để xem báo cáo có một trong các giá trị đó.",
    "Search the reports": "Tìm trong các báo cáo",
    "e.g. công đoàn, cong doan, “thi đua”, Lạng Sơn":
        "ví dụ: công đoàn, cong doan, “thi đua”, Lạng Sơn",
    'With or without diacritics. Use "quotes" for a phrase, -word to exclude, OR for either.':
        'Có dấu hoặc không dấu. Dùng "ngoặc kép" cho cụm từ, -từ để loại trừ, OR cho một trong hai.',
    ("%(num)s report", "%(num)s reports"): ("%(num)s báo cáo",),
    "%(ms)s ms": "%(ms)s ms",
    "Active filters": "Bộ lọc đang dùng",
    "Remove filter %(name)s: %(value)s": "Bỏ bộ lọc %(name)s: %(value)s",
    "Clear all filters": "Bỏ mọi bộ lọc",
    "Sort": "Sắp xếp",
    "Sort:": "Sắp xếp:",
    "relevance": "liên quan nhất",
    "newest": "mới nhất",
    "oldest": "cũ nhất",
    "Download all results:": "Tải mọi kết quả:",
    "Pages": "Trang",
    "Previous": "Trước",
    "Next": "Sau",
    "There are not that many pages.": "Không có nhiều trang như vậy.",
    "Back to the first page": "Về trang đầu",
    "No report matches.": "Không có báo cáo nào phù hợp.",
    "Did you mean": "Có phải bạn muốn tìm",
    "Search again without the filters": "Tìm lại mà không dùng bộ lọc",
    'Type fewer words, or without diacritics: "cong doan" finds "công đoàn".':
        'Gõ ít từ hơn, hoặc không dấu: "cong doan" tìm được "công đoàn".',
    "Check the spelling, or try an abbreviation (CĐGD, LĐLĐ) or its full form.":
        "Kiểm tra chính tả, hoặc thử từ viết tắt (CĐGD, LĐLĐ) hay dạng đầy đủ.",
    "Filters": "Bộ lọc",
    "%(num)s more": "thêm %(num)s",
}
