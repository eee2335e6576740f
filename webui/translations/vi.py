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
    "The search index is not available: %(reason)s":
        "Chỉ mục tìm kiếm chưa dùng được: %(reason)s",
    "Something went wrong on our side; the error was logged.":
        "Đã có lỗi phía máy chủ; lỗi đã được ghi lại.",
    "Province": "Tỉnh, thành phố",
    "District": "Quận, huyện",
    "School year": "Năm học",
    "Report type": "Loại báo cáo",
    "Organisation": "Đơn vị",
    "Award": "Khen thưởng",
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
    "Filters and the names you can type for them": "Bộ lọc và những tên có thể gõ",
    "Filter": "Bộ lọc",
    "The range was typed backwards; searched as %(value)s.":
        "Khoảng năm bị gõ ngược; đã tìm theo %(value)s.",
    "“%(name)s:” is not a filter; its words were searched as text.":
        "“%(name)s:” không phải bộ lọc; các từ đã được tìm như văn bản.",
    "Only the first %(limit)s words were searched.": "Chỉ tìm theo %(limit)s từ đầu tiên.",
    "ranges: %(example)s": "khoảng: %(example)s",
    "The filters in the side bar do the same with a click; choose several values of one filter to see any of them.":
        "Các bộ lọc ở cột bên làm việc này chỉ bằng một cú nhấp; chọn nhiều giá trị của một bộ lọc để xem báo cáo có một trong các giá trị đó.",
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
    "%(num)s more…": "thêm %(num)s…",
    "New reports of this search (Atom feed)": "Báo cáo mới của tìm kiếm này (nguồn tin Atom)",
    "Follow this search (Atom feed)": "Theo dõi tìm kiếm này (nguồn tin Atom)",
    "Link to this search:": "Liên kết đến tìm kiếm này:",
    "Copy link": "Chép liên kết",
    "Copied": "Đã chép",
    "by count": "theo số báo cáo",
    "A–Z": "A–Z",
    ("%(num)s value", "%(num)s values"): ("%(num)s giá trị",),
    "search: %(q)s": "tìm: %(q)s",
    "Back to the results": "Quay lại kết quả",
    "Download all values:": "Tải mọi giá trị:",
    "No report of this search has a value here.":
        "Không báo cáo nào của tìm kiếm này có giá trị ở mục này.",
    "Choose exactly two reports to compare.": "Hãy chọn đúng hai báo cáo để so sánh.",
    "share of the year's reports": "tỉ lệ trong số báo cáo của năm",
    "reports": "báo cáo",
    "occurrences": "số lần xuất hiện",
    "%(metric)s per %(period)s": "%(metric)s theo %(period)s",
    "school year": "năm học",
    "year": "năm",
    "Award lists": "Danh sách khen thưởng",
    "Search within the reports (optional)": "Tìm trong các báo cáo (không bắt buộc)",
    "%(records)s award records in %(reports)s reports":
        "%(records)s bản ghi khen thưởng trong %(reports)s báo cáo",
    "In all: %(c)s collectives and %(i)s individuals.":
        "Tổng cộng: %(c)s tập thể và %(i)s cá nhân.",
    "award": "hình thức khen thưởng",
    "awarding body": "cơ quan khen thưởng",
    "most collectives": "nhiều tập thể nhất",
    "most individuals": "nhiều cá nhân nhất",
    "Download all records:": "Tải mọi bản ghi:",
    "Award records": "Bản ghi khen thưởng",
    "Source": "Nguồn",
    "sentence": "câu gốc",
    "Totals per school year": "Tổng theo năm học",
    "Totals per awarding body": "Tổng theo cơ quan khen thưởng",
    "Records": "Bản ghi",
    "unknown": "không rõ",
    "No award record matches.": "Không có bản ghi khen thưởng nào phù hợp.",
    "Award: number of records; other filters: number of reports.":
        "Khen thưởng: số bản ghi; các bộ lọc khác: số báo cáo.",
    "Trend": "Xu hướng",
    "Concordance": "Ngữ cảnh",
    "Compare": "So sánh",
    "Compare two reports": "So sánh hai báo cáo",
    "First report (id)": "Báo cáo thứ nhất (mã)",
    "Second report (id)": "Báo cáo thứ hai (mã)",
    "Or tick two results on the search page, or use “Compare with…” on a report page.":
        "Hoặc đánh dấu hai kết quả ở trang tìm kiếm, hoặc dùng “So sánh với…” ở trang báo cáo.",
    "Similarity: %(pct)s%% of the wording is shared.":
        "Độ giống nhau: %(pct)s%% câu chữ trùng nhau.",
    "%(same)s sentences the same, %(changed)s changed, %(a)s only in the first, %(b)s only in the second.":
        "%(same)s câu giống hệt, %(changed)s câu thay đổi, %(a)s câu chỉ có ở báo cáo thứ nhất, %(b)s câu chỉ có ở báo cáo thứ hai.",
    "only in the first": "chỉ có ở báo cáo thứ nhất",
    "only in the second": "chỉ có ở báo cáo thứ hai",
    "shared wording is plain": "phần chữ trùng nhau để bình thường",
    "Compare with…": "So sánh với…",
    "Every place a word or phrase was used, with the words around it, grouped by school year. With or without diacritics, as in search.":
        "Mọi chỗ một từ hay cụm từ được dùng, cùng các từ xung quanh, nhóm theo năm học. Có dấu hoặc không dấu, như khi tìm kiếm.",
    "Word or phrase": "Từ hoặc cụm từ",
    "Show every use": "Xem mọi chỗ dùng",
    "%(lines)s uses in %(reports)s reports": "%(lines)s chỗ dùng trong %(reports)s báo cáo",
    "Only the first %(n)s uses are listed.": "Chỉ liệt kê %(n)s chỗ dùng đầu tiên.",
    "by school year": "theo năm học",
    "by the word before": "theo từ đứng trước",
    "by the word after": "theo từ đứng sau",
    "Download all uses:": "Tải mọi chỗ dùng:",
    "Uses of “%(q)s”": "Các chỗ dùng “%(q)s”",
    "Before": "Phía trước",
    "Match": "Từ khớp",
    "After": "Phía sau",
    "Report": "Báo cáo",
    "compare": "so sánh",
    "Compare the two ticked reports": "So sánh hai báo cáo đã đánh dấu",
    "Trend across years": "Xu hướng qua các năm",
    "How often words or phrases appear, school year by school year: in how many reports, how many times, and in what share of that year's reports. Up to five terms, in the search language.":
        "Từ hay cụm từ xuất hiện thường xuyên thế nào qua từng năm học: trong bao nhiêu báo cáo, bao nhiêu lần, và chiếm tỉ lệ bao nhiêu trong số báo cáo của năm. Tối đa năm cụm từ, theo cú pháp tìm kiếm.",
    "Terms": "Cụm từ",
    "Term %(n)s": "Cụm từ %(n)s",
    "Show": "Hiển thị",
    "per": "theo",
    "Show the trend": "Xem xu hướng",
    "Result": "Kết quả",
    "Download:": "Tải về:",
    "A gap means no report at all that year. Each point links to its reports.":
        "Chỗ đứt quãng là năm không có báo cáo nào. Mỗi điểm dẫn đến các báo cáo của nó.",
    "Per school year": "Theo năm học",
    "Per year": "Theo năm",
    "Period": "Thời kỳ",
    "Reports in all": "Tổng số báo cáo",
    "share": "tỉ lệ",
    "no reports": "không có báo cáo",
    "This report was removed from the archive: its file was deleted.":
        "Báo cáo này đã bị gỡ khỏi kho: tệp của nó đã bị xoá.",
    "The archive is being indexed for the first time: %(done)s of %(total)s files so far. "
    "This page reloads itself.":
        "Kho đang được lập chỉ mục lần đầu: đã xong %(done)s trên %(total)s tệp. "
        "Trang này sẽ tự tải lại.",
    "Index updated %(when)s UTC": "Chỉ mục cập nhật lúc %(when)s UTC",
    "updating: %(done)s of %(total)s files": "đang cập nhật: %(done)s trên %(total)s tệp",
    "Reposts": "Bản đăng lại",
    "set by hand in the report’s sidecar file": "đặt bằng tay trong tệp kèm theo của báo cáo",
    "set by hand": "sửa tay",
    "Also set by hand: %(fields)s": "Cũng sửa tay: %(fields)s",
    ("%(num)s repost of this report", "%(num)s reposts of this report"):
        ("%(num)s bản đăng lại của báo cáo này",),
    "(the copy counted in searches and totals)": "(bản được tính trong tìm kiếm và tổng số)",
    "%(pct)s%% alike": "giống %(pct)s%%",
    "All groups of reposted copies": "Mọi nhóm bản đăng lại",
    "Reposted copies": "Bản đăng lại",
    "Reports whose texts are mostly the same (the same report reposted with other page "
    "chrome, another title or a paragraph more) are one report: searches, facets, award "
    "totals, trend and concordance count each group once, as its earliest and most complete "
    "copy. A sidecar can say otherwise: \"duplicate_of\": \"ID\" or \"not_duplicate\": true.":
        "Các báo cáo có nội dung gần như trùng nhau (cùng một báo cáo được đăng lại với khung "
        "trang khác, tiêu đề khác hay thêm một đoạn) được coi là một báo cáo: tìm kiếm, bộ "
        "lọc, tổng số khen thưởng, xu hướng và ngữ cảnh đều tính mỗi nhóm một lần, theo bản "
        "sớm nhất và đầy đủ nhất. Tệp kèm theo có thể nói khác: \"duplicate_of\": \"ID\" "
        "hoặc \"not_duplicate\": true.",
    "%(groups)s groups, %(copies)s copies not counted again":
        "%(groups)s nhóm, %(copies)s bản không tính lại",
    "Download all groups:": "Tải mọi nhóm:",
    "Groups of reposted copies": "Các nhóm bản đăng lại",
    "Counted as": "Được tính là",
    "Copies": "Các bản đăng lại",
    "No reposted copies in the archive.": "Kho không có bản đăng lại nào.",
    ("%(num)s repost:", "%(num)s reposts:"): ("%(num)s bản đăng lại:",),
}
