"""Vietnamese material for the demo province: names, places, institutions and short texts.

Every string here is NFC (a test checks it), so the snapshots built from it need no further
normalisation before they are hashed (see `hoso.people.demo.writer`).
"""

# --- names ------------------------------------------------------------------------------------

# Share of the population in percent; the southern spellings Huỳnh and Võ outweigh Hoàng and Vũ.
FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 38.0,
    "Trần": 11.0,
    "Lê": 9.5,
    "Phạm": 7.0,
    "Huỳnh": 4.0,
    "Hoàng": 1.0,
    "Phan": 4.4,
    "Võ": 3.4,
    "Vũ": 0.6,
    "Đặng": 2.0,
    "Bùi": 1.8,
    "Đỗ": 1.3,
    "Hồ": 1.5,
    "Ngô": 1.2,
    "Dương": 1.0,
    "Lý": 0.8,
    "Trương": 1.4,
    "Đoàn": 0.6,
    "Đinh": 0.5,
    "Lâm": 0.6,
    "Mai": 0.5,
    "Cao": 0.5,
    "Châu": 0.5,
    "Lưu": 0.4,
    "Tạ": 0.3,
    "Thái": 0.4,
    "Tô": 0.3,
    "Quách": 0.3,
    "La": 0.3,
    "Hà": 0.4,
    "Đào": 0.5,
    "Kiều": 0.2,
    "Từ": 0.2,
    "Lương": 0.4,
    "Triệu": 0.2,
    "Thạch": 0.2,
    "Danh": 0.1,
}

MIDDLE_NAMES_MALE: dict[str, float] = {
    "Văn": 36,
    "Hữu": 6,
    "Minh": 7,
    "Thanh": 6,
    "Quốc": 5,
    "Công": 4,
    "Hoàng": 4,
    "Đức": 4,
    "Ngọc": 4,
    "Tấn": 5,
    "Thành": 3,
    "Trung": 2,
    "Phước": 2,
    "Chí": 3,
    "Duy": 3,
    "Trọng": 2,
    "Nhật": 2,
    "Hoài": 2,
    "Quang": 3,
    "Anh": 2,
    "Bảo": 2,
    "Hoàng Minh": 1,
    "Văn Minh": 1,
}

MIDDLE_NAMES_FEMALE: dict[str, float] = {
    "Thị": 38,
    "Ngọc": 8,
    "Thanh": 6,
    "Thu": 5,
    "Kim": 5,
    "Thị Hồng": 4,
    "Thị Ngọc": 3,
    "Thị Kim": 3,
    "Thị Thanh": 3,
    "Mỹ": 3,
    "Bích": 2,
    "Hồng": 3,
    "Thúy": 2,
    "Phương": 2,
    "Hoài": 1,
    "Diễm": 1,
    "Minh": 2,
    "Cẩm": 1,
    "Tuyết": 1,
    "Xuân": 1,
}

GIVEN_NAMES_MALE: tuple[str, ...] = tuple(
    "An Bình Bảo Cường Công Danh Dũng Duy Đạt Đức Định Đông Em Giang Hải Hậu Hiếu Hiền Hòa Hoàng Hùng "
    "Hưng Huy Khang Khải Khánh Khoa Kiên Lâm Lộc Lợi Long Luân Lực Minh Nam Nghĩa Nhân Nhựt Phát "
    "Phong Phúc Phương Quang Quân Sang Sơn Tài Tâm Tân Thắng Thanh Thành Thiện Thịnh Thông Thuận Tiến "
    "Tín Toàn Trí Triều Trung Trường Tú Tuấn Tùng Việt Vinh Vũ Hồng".split()
)

GIVEN_NAMES_FEMALE: tuple[str, ...] = tuple(
    "Anh Ánh Châu Diễm Diệu Dung Duyên Đào Giang Hà Hạnh Hằng Hậu Hiền Hoa Hồng Huyền Hương Kiều Lan "
    "Liên Linh Loan Mai My Mỹ Nga Ngân Ngọc Nguyệt Nhạn Nhi Nhung Oanh Phượng Phương Quyên Tâm Thảo "
    "Thắm Thơ Thu Thư Thủy Thúy Tiên Trâm Trang Trinh Tuyền Tuyết Uyên Vân Vy Xuân Yến Hông".split()
)

# Southern nicknames by birth order, written in "Các tên gọi khác" (item 2).
NICKNAME_PREFIXES: tuple[str, ...] = ("Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Út")

# --- places ------------------------------------------------------------------------------------

PROVINCE_NAME = "Đồng Tháp"
PROVINCE_FULL_NAME = "tỉnh Đồng Tháp"

# Districts abolished on 01/07/2025 and the communes (2025 names) on their former territory.
# The first commune is the successor named after the district seat.
DISTRICTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # (kind word, name, former province, communes)
    ("thành phố", "Cao Lãnh", "Đồng Tháp", ("Cao Lãnh", "Mỹ Ngãi", "Mỹ Trà")),
    ("huyện", "Tháp Mười", "Đồng Tháp", ("Tháp Mười", "Trường Xuân", "Mỹ Quí", "Đốc Binh Kiều", "Thanh Mỹ")),
    ("thành phố", "Sa Đéc", "Đồng Tháp", ("Sa Đéc",)),
    ("huyện", "Lấp Vò", "Đồng Tháp", ("Lấp Vò", "Mỹ An Hưng", "Tân Khánh Trung")),
    ("huyện", "Tam Nông", "Đồng Tháp", ("Tam Nông", "Tràm Chim", "An Hoà", "Phú Cường", "An Long", "Phú Thọ")),
    ("huyện", "Cao Lãnh", "Đồng Tháp", ("Mỹ Thọ", "Ba Sao", "Phong Mỹ", "Mỹ Hiệp", "Bình Hàng Trung", "Phương Thịnh")),
    ("huyện", "Lai Vung", "Đồng Tháp", ("Lai Vung", "Hoà Long", "Tân Dương", "Phong Hoà")),
    ("huyện", "Thanh Bình", "Đồng Tháp", ("Thanh Bình", "Tân Long", "Tân Thạnh", "Bình Thành")),
    ("huyện", "Tân Hồng", "Đồng Tháp", ("Tân Hồng", "Tân Hộ Cơ", "Tân Thành", "An Phước")),
    ("thành phố", "Hồng Ngự", "Đồng Tháp", ("Hồng Ngự", "An Bình", "Thường Lạc")),
    ("huyện", "Hồng Ngự", "Đồng Tháp", ("Thường Phước", "Long Khánh", "Long Phú Thuận")),
    ("huyện", "Châu Thành", "Đồng Tháp", ("Phú Hựu", "Tân Nhuận Đông", "Tân Phú Trung")),
    ("thành phố", "Mỹ Tho", "Tiền Giang", ("Mỹ Tho", "Đạo Thạnh", "Thới Sơn", "Mỹ Phong", "Trung An")),
    ("thị xã", "Gò Công", "Tiền Giang", ("Gò Công", "Long Thuận", "Bình Xuân", "Sơn Qui")),
    ("huyện", "Tân Phước", "Tiền Giang", ("Tân Phước 1", "Tân Phước 2", "Tân Phước 3", "Hưng Thạnh")),
    (
        "huyện",
        "Cái Bè",
        "Tiền Giang",
        ("Cái Bè", "Hậu Mỹ", "Mỹ Thiện", "Hội Cư", "Mỹ Đức Tây", "Mỹ Lợi", "Thanh Hưng", "An Hữu"),
    ),
    ("thị xã", "Cai Lậy", "Tiền Giang", ("Cai Lậy", "Mỹ Phước Tây", "Thanh Hoà", "Nhị Quý")),
    (
        "huyện",
        "Cai Lậy",
        "Tiền Giang",
        ("Thạnh Phú", "Mỹ Thành", "Tân Phú", "Bình Phú", "Hiệp Đức", "Long Tiên", "Ngũ Hiệp"),
    ),
    (
        "huyện",
        "Châu Thành",
        "Tiền Giang",
        ("Châu Thành", "Tân Hương", "Long Hưng", "Long Định", "Bình Trưng", "Vĩnh Kim", "Kim Sơn"),
    ),
    (
        "huyện",
        "Chợ Gạo",
        "Tiền Giang",
        ("Chợ Gạo", "Mỹ Tịnh An", "Lương Hoà Lạc", "Tân Thuận Bình", "An Thạnh Thuỷ", "Bình Ninh"),
    ),
    ("huyện", "Gò Công Tây", "Tiền Giang", ("Vĩnh Bình", "Đồng Sơn", "Phú Thành", "Vĩnh Hựu", "Long Bình")),
    ("huyện", "Gò Công Đông", "Tiền Giang", ("Gò Công Đông", "Tân Hoà", "Gia Thuận", "Tân Đông", "Tân Điền")),
    ("huyện", "Tân Phú Đông", "Tiền Giang", ("Tân Phú Đông", "Tân Thới")),
)

# Former provinces (GSO code of the ID-card prefix) people were born in, with weights; Đồng Tháp
# (087) and Tiền Giang (082) were merged into today's Đồng Tháp on 01/07/2025.
BIRTH_PROVINCES: dict[str, float] = {
    "87": 56.0,
    "82": 30.0,
    "86": 2.5,
    "89": 2.5,
    "80": 1.5,
    "83": 1.5,
    "92": 1.5,
    "79": 1.5,
    "84": 0.6,
    "94": 0.5,
    "01": 0.4,
    "40": 0.4,
    "38": 0.4,
    "42": 0.3,
    "52": 0.2,
    "75": 0.2,
}

# The first two digits of a 9-digit CMND by province (legacy numbers, item 8).
CMND_PREFIXES: dict[str, str] = {
    "87": "34",
    "82": "31",
    "86": "33",
    "89": "35",
    "80": "30",
    "83": "32",
    "92": "36",
    "79": "02",
    "84": "33",
    "94": "36",
    "01": "01",
    "40": "18",
    "38": "17",
    "42": "18",
    "52": "21",
    "75": "27",
}

HAMLETS: tuple[str, ...] = (
    "An Thịnh",
    "Bình Hòa",
    "Hòa Lợi",
    "Long Hưng",
    "Mỹ Hòa",
    "Mỹ Phú",
    "Phú Long",
    "Tân Lập",
    "Tân Thạnh",
    "Thạnh Lợi",
    "Thới An",
    "Trung Hòa",
    "Vĩnh Phú",
    "Hưng Thuận",
    "An Nhơn",
    "Phú Hữu",
)
STREETS: tuple[str, ...] = (
    "Nguyễn Huệ",
    "Lý Thường Kiệt",
    "Trần Hưng Đạo",
    "30 Tháng 4",
    "Hùng Vương",
    "Lê Lợi",
    "Ấp Bắc",
    "Nguyễn Trãi",
    "Tôn Đức Thắng",
    "Phạm Hữu Lầu",
    "Nguyễn Sinh Sắc",
    "Đinh Bộ Lĩnh",
    "Lê Văn Phẩm",
    "Nguyễn Thị Thập",
    "Trương Định",
    "Đốc Binh Kiều",
    "Thủ Khoa Huân",
    "Nguyễn Đình Chiểu",
)

# --- units -------------------------------------------------------------------------------------

# (name, short name, kind, profile, internal sections, subordinate units (kind, name, profile))
DEPARTMENTS: tuple[tuple[str, str, str, str, tuple[str, ...], tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Sở Nội vụ",
        "SNV",
        "DEPARTMENT",
        "admin",
        (
            "Văn phòng",
            "Phòng Công chức, viên chức",
            "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
            "Phòng Cải cách hành chính",
            "Phòng Xây dựng chính quyền",
            "Phòng Lao động - Việc làm",
            "Phòng Người có công",
        ),
        (
            ("SUB_DEPARTMENT", "Ban Thi đua - Khen thưởng", "admin"),
            ("CENTRE", "Trung tâm Lưu trữ lịch sử", "centre"),
            ("CENTRE", "Trung tâm Dịch vụ việc làm", "centre"),
            ("CENTRE", "Trung tâm Công tác xã hội", "centre"),
        ),
    ),
    (
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        "DEPARTMENT",
        "admin",
        (
            "Văn phòng",
            "Phòng Tổ chức cán bộ",
            "Phòng Giáo dục trung học",
            "Phòng Giáo dục mầm non - tiểu học",
            "Phòng Khảo thí và Quản lý chất lượng",
            "Phòng Kế hoạch - Tài chính",
        ),
        (),
    ),
    (
        "Sở Y tế",
        "SYT",
        "DEPARTMENT",
        "admin",
        (
            "Văn phòng",
            "Phòng Tổ chức cán bộ",
            "Phòng Nghiệp vụ Y",
            "Phòng Nghiệp vụ Dược",
            "Phòng Kế hoạch - Tài chính",
        ),
        (
            ("CENTRE", "Trung tâm Kiểm soát bệnh tật", "cdc"),
            ("SUB_DEPARTMENT", "Chi cục Dân số", "cdc"),
            ("SUB_DEPARTMENT", "Chi cục An toàn vệ sinh thực phẩm", "admin"),
            ("CENTRE", "Trung tâm Pháp y", "cdc"),
            ("CENTRE", "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm", "cdc"),
        ),
    ),
    (
        "Sở Tài chính",
        "STC",
        "DEPARTMENT",
        "finance",
        (
            "Văn phòng",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính đầu tư",
            "Phòng Quản lý giá và công sản",
            "Phòng Đăng ký kinh doanh",
            "Phòng Tổng hợp, quy hoạch",
        ),
        (("CENTRE", "Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "centre"),),
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        "DEPARTMENT",
        "admin",
        (
            "Văn phòng",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Quản lý đất đai",
            "Phòng Môi trường",
            "Phòng Tài nguyên nước",
        ),
        (
            ("SUB_DEPARTMENT", "Chi cục Thủy lợi", "dyke"),
            ("SUB_DEPARTMENT", "Chi cục Trồng trọt và Bảo vệ thực vật", "plant"),
            ("SUB_DEPARTMENT", "Chi cục Chăn nuôi và Thú y", "animal"),
            ("SUB_DEPARTMENT", "Chi cục Kiểm lâm", "forest"),
            ("SUB_DEPARTMENT", "Chi cục Thủy sản", "animal"),
            ("CENTRE", "Trung tâm Khuyến nông", "centre"),
            ("CENTRE", "Trung tâm Quan trắc tài nguyên và môi trường", "centre"),
            ("PUBLIC_SERVICE_UNIT", "Văn phòng Đăng ký đất đai", "centre"),
            ("CENTRE", "Trung tâm Phát triển quỹ đất", "centre"),
        ),
    ),
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "VPUBND",
        "DEPARTMENT_EQUIVALENT",
        "admin",
        ("Phòng Hành chính - Tổ chức", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Nội chính"),
        (
            ("CENTRE", "Trung tâm Phục vụ hành chính công", "centre"),
            ("CENTRE", "Trung tâm Công báo - Tin học", "centre"),
        ),
    ),
    (
        "Thanh tra tỉnh",
        "TTT",
        "DEPARTMENT_EQUIVALENT",
        "inspection",
        (
            "Văn phòng",
            "Phòng Nghiệp vụ 1",
            "Phòng Nghiệp vụ 2",
            "Phòng Nghiệp vụ 3",
            "Phòng Tiếp công dân và xử lý đơn",
        ),
        (),
    ),
    (
        "Sở Tư pháp",
        "STP",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Xây dựng và kiểm tra văn bản", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"),
        (
            ("CENTRE", "Trung tâm Trợ giúp pháp lý nhà nước", "centre"),
            ("PUBLIC_SERVICE_UNIT", "Phòng Công chứng số 1", "centre"),
        ),
    ),
    (
        "Sở Xây dựng",
        "SXD",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Quản lý xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Quản lý giao thông"),
        (
            ("CENTRE", "Trung tâm Kiểm định chất lượng xây dựng", "centre"),
            ("PUBLIC_SERVICE_UNIT", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông", "centre"),
        ),
    ),
    (
        "Sở Công Thương",
        "SCT",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng"),
        (("CENTRE", "Trung tâm Khuyến công và Xúc tiến thương mại", "centre"),),
    ),
    (
        "Sở Khoa học và Công nghệ",
        "SKHCN",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Quản lý khoa học", "Phòng Chuyển đổi số", "Phòng Bưu chính - Viễn thông"),
        (
            ("CENTRE", "Trung tâm Công nghệ thông tin và Truyền thông", "centre"),
            ("CENTRE", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "centre"),
        ),
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý du lịch"),
        (
            ("PUBLIC_SERVICE_UNIT", "Thư viện tỉnh", "centre"),
            ("PUBLIC_SERVICE_UNIT", "Bảo tàng tỉnh", "centre"),
            ("CENTRE", "Trung tâm Văn hóa - Nghệ thuật", "centre"),
            ("CENTRE", "Trung tâm Huấn luyện và Thi đấu thể thao", "centre"),
        ),
    ),
    (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "VPĐĐBQH&HĐND",
        "DEPARTMENT_EQUIVALENT",
        "admin",
        ("Phòng Công tác Hội đồng nhân dân", "Phòng Công tác Quốc hội", "Phòng Hành chính - Tổ chức - Quản trị"),
        (),
    ),
    (
        "Ban Quản lý Khu kinh tế",
        "BQLKKT",
        "DEPARTMENT_EQUIVALENT",
        "admin",
        ("Văn phòng", "Phòng Quản lý đầu tư", "Phòng Quản lý quy hoạch và xây dựng"),
        (),
    ),
    (
        "Sở Dân tộc và Tôn giáo",
        "SDTTG",
        "DEPARTMENT",
        "admin",
        ("Văn phòng", "Phòng Công tác dân tộc", "Phòng Tôn giáo"),
        (),
    ),
)

# Hospitals under Sở Y tế: (name, size weight).
HOSPITALS: tuple[tuple[str, float], ...] = (
    ("Bệnh viện Đa khoa Đồng Tháp", 1.8),
    ("Bệnh viện Đa khoa Trung tâm Tiền Giang", 1.8),
    ("Bệnh viện Đa khoa Sa Đéc", 1.2),
    ("Bệnh viện Đa khoa khu vực Cai Lậy", 1.1),
    ("Bệnh viện Đa khoa khu vực Gò Công", 1.0),
    ("Bệnh viện Đa khoa khu vực Hồng Ngự", 1.0),
    ("Bệnh viện Phụ sản Tiền Giang", 0.8),
    ("Bệnh viện Phổi Đồng Tháp", 0.5),
    ("Bệnh viện Tâm thần Tiền Giang", 0.5),
    ("Bệnh viện Y học cổ truyền Đồng Tháp", 0.5),
    ("Bệnh viện Y học cổ truyền Tiền Giang", 0.5),
    ("Bệnh viện Mắt Tiền Giang", 0.4),
)

# Upper-secondary schools under Sở GD&ĐT (names of people and places, as the province uses them).
HIGH_SCHOOL_NAMES: tuple[str, ...] = (
    "Chuyên Nguyễn Quang Diêu",
    "Chuyên Nguyễn Đình Chiểu",
    "Chuyên Tiền Giang",
    "Thành phố Cao Lãnh",
    "Thủ Khoa Huân",
    "Trương Định",
    "Nguyễn Đình Chiểu",
    "Tháp Mười",
    "Lấp Vò 1",
    "Lấp Vò 2",
    "Lai Vung 1",
    "Lai Vung 2",
    "Thanh Bình 1",
    "Thanh Bình 2",
    "Tam Nông",
    "Tràm Chim",
    "Hồng Ngự 1",
    "Hồng Ngự 2",
    "Tân Hồng",
    "Cao Lãnh 1",
    "Cao Lãnh 2",
    "Châu Thành 1",
    "Nguyễn Văn Khải",
    "Đốc Binh Kiều",
    "Phạm Hữu Lầu",
    "Lưu Tấn Phát",
    "Cái Bè",
    "Thiên Hộ Dương",
    "Phú Điền",
    "Tân Phước",
    "Gò Công",
    "Gò Công Đông",
    "Vĩnh Bình",
    "Chợ Gạo",
    "Bình Phục Nhứt",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Lê Thanh Hiền",
    "Vĩnh Kim",
    "Rạch Gầm - Xoài Mút",
    "Tân Phú Đông",
    "Huỳnh Văn Sâm",
    "Nguyễn Văn Côn",
    "Mỹ Phước Tây",
    "Đoàn Thị Nghiệp",
    "Long Khánh A",
    "Kiến Văn",
    "Sa Đéc",
)

# Other public service units of education and of the province.
EDUCATION_UNITS: tuple[tuple[str, str, float], ...] = (
    # (name, profile, size weight)
    ("Trường Cao đẳng Cộng đồng Đồng Tháp", "college", 1.2),
    ("Trường Cao đẳng Y tế Đồng Tháp", "college", 0.8),
    ("Trường Cao đẳng Tiền Giang", "college", 1.0),
    ("Trung tâm Giáo dục thường xuyên tỉnh", "school", 0.5),
)

ASSOCIATIONS: tuple[str, ...] = (
    "Hội Chữ thập đỏ tỉnh",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Hội Văn học Nghệ thuật tỉnh",
    "Hội Nhà báo tỉnh",
    "Hội Luật gia tỉnh",
    "Hội Người mù tỉnh",
)

PROVINCE_SERVICE_UNITS: tuple[tuple[str, str, float], ...] = (
    ("Trường Đại học Tiền Giang", "college", 1.5),
    ("Báo và Phát thanh, Truyền hình Đồng Tháp", "centre", 1.0),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", "centre", 0.4),
)

# --- training ------------------------------------------------------------------------------

UNIVERSITIES_GENERAL: tuple[str, ...] = (
    "Trường Đại học Cần Thơ",
    "Trường Đại học Đồng Tháp",
    "Trường Đại học Tiền Giang",
    "Trường Đại học Kinh tế Thành phố Hồ Chí Minh",
    "Trường Đại học Luật Thành phố Hồ Chí Minh",
    "Trường Đại học Nông Lâm Thành phố Hồ Chí Minh",
    "Học viện Hành chính và Quản trị công",
    "Trường Đại học Khoa học Xã hội và Nhân văn, Đại học Quốc gia Thành phố Hồ Chí Minh",
    "Trường Đại học Bách khoa, Đại học Quốc gia Thành phố Hồ Chí Minh",
    "Trường Đại học Nội vụ Hà Nội",
    "Trường Đại học Trà Vinh",
    "Trường Đại học Vĩnh Long",
    "Trường Đại học Cửu Long",
)
UNIVERSITIES_TEACHER: tuple[str, ...] = (
    "Trường Đại học Đồng Tháp",
    "Trường Đại học Sư phạm Thành phố Hồ Chí Minh",
    "Trường Đại học Cần Thơ",
    "Trường Đại học Tiền Giang",
    "Trường Đại học Sài Gòn",
    "Trường Đại học An Giang",
)
UNIVERSITIES_HEALTH: tuple[str, ...] = (
    "Trường Đại học Y Dược Cần Thơ",
    "Trường Đại học Y Dược Thành phố Hồ Chí Minh",
    "Trường Đại học Y khoa Phạm Ngọc Thạch",
    "Trường Đại học Tây Đô",
    "Trường Đại học Nam Cần Thơ",
)
COLLEGES: tuple[str, ...] = (
    "Trường Cao đẳng Cộng đồng Đồng Tháp",
    "Trường Cao đẳng Y tế Đồng Tháp",
    "Trường Cao đẳng Tiền Giang",
    "Trường Cao đẳng Sư phạm Đồng Tháp",
)
VOCATIONAL_SCHOOLS: tuple[str, ...] = (
    "Trường Trung cấp Y tế Tiền Giang",
    "Trường Trung cấp Kinh tế - Kỹ thuật Đồng Tháp",
    "Trường Cao đẳng Y tế Đồng Tháp",
    "Trường Trung cấp Nghề Tháp Mười",
)
POLITICAL_SCHOOLS: dict[str, str] = {
    "SO_CAP": "Trung tâm Chính trị huyện",
    "TRUNG_CAP": "Trường Chính trị tỉnh Đồng Tháp",
    "CAO_CAP": "Học viện Chính trị khu vực IV",
}

MAJORS: dict[str, tuple[str, ...]] = {
    "admin": (
        "Luật",
        "Quản lý nhà nước",
        "Kinh tế",
        "Quản trị kinh doanh",
        "Hành chính học",
        "Kế toán",
        "Tài chính - Ngân hàng",
        "Công nghệ thông tin",
        "Quản lý văn hóa",
        "Xã hội học",
        "Việt Nam học",
        "Quản trị nhân lực",
        "Kỹ thuật xây dựng",
        "Quản lý đất đai",
        "Khoa học môi trường",
    ),
    "finance": ("Kế toán", "Tài chính - Ngân hàng", "Kinh tế", "Kiểm toán", "Quản trị kinh doanh"),
    "inspection": ("Luật", "Kinh tế", "Kế toán", "Quản lý nhà nước"),
    "plant": ("Nông học", "Bảo vệ thực vật", "Khoa học cây trồng"),
    "animal": ("Thú y", "Chăn nuôi", "Nuôi trồng thủy sản"),
    "forest": ("Lâm nghiệp", "Quản lý tài nguyên rừng"),
    "dyke": ("Kỹ thuật tài nguyên nước", "Kỹ thuật công trình thủy", "Kỹ thuật xây dựng"),
    "school": (
        "Sư phạm Toán học",
        "Sư phạm Ngữ văn",
        "Sư phạm Vật lý",
        "Sư phạm Hóa học",
        "Sư phạm Sinh học",
        "Sư phạm Lịch sử",
        "Sư phạm Địa lý",
        "Sư phạm Tiếng Anh",
        "Sư phạm Tin học",
        "Giáo dục Chính trị",
        "Giáo dục Thể chất",
    ),
    "primary": ("Giáo dục Tiểu học", "Sư phạm Tiếng Anh", "Sư phạm Âm nhạc", "Sư phạm Mỹ thuật"),
    "preschool": ("Giáo dục Mầm non",),
    "doctor": ("Y đa khoa", "Y học cổ truyền", "Răng Hàm Mặt", "Y học dự phòng"),
    "nurse": ("Điều dưỡng",),
    "midwife": ("Hộ sinh",),
    "lab": ("Kỹ thuật xét nghiệm y học", "Kỹ thuật hình ảnh y học", "Kỹ thuật phục hồi chức năng"),
    "pharmacy": ("Dược học",),
    "public_health": ("Y tế công cộng",),
    "specialty": (
        "Nội khoa",
        "Ngoại khoa",
        "Nhi khoa",
        "Sản phụ khoa",
        "Hồi sức cấp cứu",
        "Chẩn đoán hình ảnh",
        "Gây mê hồi sức",
        "Truyền nhiễm",
        "Y học cổ truyền",
        "Tai Mũi Họng",
    ),
    "college": ("Kinh tế", "Công nghệ thông tin", "Kế toán", "Ngôn ngữ Anh", "Điều dưỡng", "Cơ khí", "Nông học"),
    "support": ("Kế toán", "Văn thư - Lưu trữ", "Quản trị văn phòng", "Công nghệ thông tin"),
}

DEGREE_NAMES: dict[str, str] = {
    "TRUNG_CAP": "Bằng tốt nghiệp trung cấp",
    "CAO_DANG": "Bằng tốt nghiệp cao đẳng",
    "DAI_HOC": "Bằng cử nhân",
    "THAC_SI": "Bằng thạc sĩ",
    "TIEN_SI": "Bằng tiến sĩ",
    "CK1": "Bằng bác sĩ chuyên khoa cấp I",
    "CK2": "Bằng bác sĩ chuyên khoa cấp II",
}

# --- family ----------------------------------------------------------------------------------

OCCUPATIONS_OLDER: tuple[str, ...] = (
    "Làm ruộng",
    "Làm vườn",
    "Buôn bán nhỏ",
    "Nội trợ",
    "Công nhân",
    "Giáo viên (đã nghỉ hưu)",
    "Cán bộ (đã nghỉ hưu)",
    "Thợ may",
    "Nuôi cá",
    "Thợ mộc",
)
OCCUPATIONS_ADULT: tuple[str, ...] = (
    "Giáo viên",
    "Công nhân",
    "Nhân viên văn phòng",
    "Kinh doanh",
    "Làm ruộng",
    "Điều dưỡng",
    "Kỹ sư",
    "Kế toán",
    "Công chức",
    "Viên chức",
    "Lao động tự do",
    "Buôn bán",
    "Bộ đội",
    "Công an",
)
OCCUPATIONS_CHILD: tuple[str, ...] = ("Học sinh", "Sinh viên", "Còn nhỏ")
COUNTRIES_ABROAD: tuple[str, ...] = ("Hoa Kỳ", "Úc", "Canada", "Nhật Bản", "Hàn Quốc", "Đài Loan (Trung Quốc)")

FAMILY_BACKGROUNDS: tuple[tuple[str, float], ...] = (
    ("Nông dân", 45),
    ("Công nhân", 10),
    ("Cán bộ, công chức", 18),
    ("Tiểu thương", 12),
    ("Trí thức", 8),
    ("Quân nhân", 4),
    ("Tiểu tư sản", 3),
)

# --- short texts ---------------------------------------------------------------------------

VIOLATIONS: tuple[str, ...] = (
    "Vi phạm quy định về thời gian làm việc",
    "Chậm trễ trong giải quyết thủ tục hành chính",
    "Vi phạm quy chế chuyên môn",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về quản lý tài chính",
)

ASSESSMENTS: tuple[str, ...] = (
    "Có phẩm chất chính trị, đạo đức, lối sống tốt; chấp hành nghiêm chủ trương của Đảng, chính sách, "
    "pháp luật của Nhà nước; hoàn thành tốt nhiệm vụ được giao.",
    "Có lập trường tư tưởng vững vàng; tinh thần trách nhiệm cao; đoàn kết với đồng nghiệp; hoàn thành "
    "nhiệm vụ được giao.",
    "Chấp hành tốt nội quy, quy chế của cơ quan; có năng lực chuyên môn tốt; tích cực học tập nâng cao "
    "trình độ; hoàn thành xuất sắc nhiệm vụ.",
    "Gương mẫu, có ý thức tổ chức kỷ luật; quan hệ tốt với nhân dân; được đồng nghiệp tín nhiệm.",
)

WORK_STRENGTHS: dict[str, tuple[str, ...]] = {
    "admin": ("Tham mưu, tổng hợp", "Xây dựng văn bản quy phạm pháp luật", "Quản lý nhà nước", "Công tác tổ chức"),
    "school": ("Giảng dạy", "Bồi dưỡng học sinh giỏi", "Công tác chủ nhiệm", "Công tác Đoàn, Đội"),
    "health": ("Khám, chữa bệnh", "Chăm sóc người bệnh", "Quản lý chuyên môn", "Y tế dự phòng"),
    "support": ("Lái xe", "Bảo vệ", "Văn thư", "Kỹ thuật"),
}
