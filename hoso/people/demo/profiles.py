"""Who works in which kind of unit: kinds of staff, careers (rank ladders), leaders and allowances.

A profile belongs to a unit; the generator draws each person's kind of staff and career from the
profile of the unit that employs them. Rank codes are catalog codes (ngach_cong_chuc.csv,
chuc_danh_nghe_nghiep.csv); every rank used here has a salary group, so its coefficients come
from `SalaryScaleStep` (NĐ 204/2004, Bảng 2–3).
"""

import datetime
from dataclasses import dataclass, field

# Teachers' titles of 2015 were replaced by those of TT 01–03/2021/TT-BGDĐT (in force 20/03/2021);
# records show the conversion as a new salary row from the month after.
TITLE_CONVERSION_DATE = datetime.date(2021, 4, 1)


@dataclass(frozen=True)
class Ladder:
    """A career: ranks from entry upwards, the training it needs and the job it is."""

    key: str
    ranks: tuple[str, ...]
    job: str  # job-position name and work-history title
    majors: str  # key of data.MAJORS
    strengths: str  # key of data.WORK_STRENGTHS
    duties: tuple[str, ...]
    legacy: dict[str, str] = field(default_factory=dict)  # current code -> code before the 2021 conversion
    national_position: str = ""  # NĐ 232/2026 job position (public employees)
    is_support: bool = False
    degree_years: int = 4


L = Ladder
LADDERS: dict[str, Ladder] = {
    ladder.key: ladder
    for ladder in (
        L(
            "specialist",
            ("01.003", "01.002", "01.001"),
            "Chuyên viên tham mưu, tổng hợp",
            "admin",
            "admin",
            (
                "Tham mưu, tổng hợp, xây dựng kế hoạch và báo cáo của đơn vị",
                "Tham mưu quản lý nhà nước về lĩnh vực được phân công",
                "Theo dõi, hướng dẫn, kiểm tra công tác chuyên môn",
            ),
        ),
        L(
            "officer",
            ("01.004", "01.003", "01.002"),
            "Cán sự hành chính",
            "admin",
            "admin",
            ("Tiếp nhận, xử lý hồ sơ hành chính", "Hỗ trợ công tác tổng hợp của đơn vị"),
        ),
        L(
            "accountant",
            ("06.031", "06.030", "06.029"),
            "Kế toán",
            "finance",
            "admin",
            ("Kế toán ngân sách, quyết toán tài chính của đơn vị", "Quản lý tài sản công, lập báo cáo tài chính"),
            national_position="PL3-056",
            is_support=True,
        ),
        L(
            "clerk",
            ("02.007", "02.006"),
            "Văn thư",
            "support",
            "support",
            ("Quản lý văn bản đi, đến; quản lý con dấu", "Lưu trữ hồ sơ, tài liệu của cơ quan"),
            national_position="PL3-058",
            is_support=True,
        ),
        L(
            "junior_clerk",
            ("02.008", "02.007"),
            "Văn thư",
            "support",
            "support",
            ("Quản lý văn bản đi, đến", "Lưu trữ hồ sơ, tài liệu"),
            national_position="PL3-058",
            is_support=True,
            degree_years=2,
        ),
        L(
            "staff",
            ("01.005",),
            "Nhân viên hành chính",
            "support",
            "support",
            ("Phục vụ công tác hành chính, quản trị của cơ quan",),
            is_support=True,
            degree_years=2,
        ),
        L(
            "inspector",
            ("04.025", "04.024", "04.023"),
            "Thanh tra viên",
            "inspection",
            "admin",
            ("Thanh tra, kiểm tra việc chấp hành pháp luật", "Tiếp công dân, giải quyết khiếu nại, tố cáo"),
        ),
        L(
            "plant_quarantine",
            ("09.319", "09.318"),
            "Kiểm dịch viên thực vật",
            "plant",
            "admin",
            ("Kiểm dịch thực vật, theo dõi sinh vật gây hại cây trồng",),
        ),
        L(
            "animal_quarantine",
            ("09.316", "09.315"),
            "Kiểm dịch viên động vật",
            "animal",
            "admin",
            ("Kiểm dịch động vật, phòng chống dịch bệnh gia súc, gia cầm",),
        ),
        L(
            "ranger",
            ("10.226", "10.225"),
            "Kiểm lâm viên",
            "forest",
            "admin",
            ("Tuần tra, bảo vệ rừng, phòng cháy chữa cháy rừng",),
        ),
        L(
            "dyke",
            ("11.082", "11.081"),
            "Kiểm soát viên đê điều",
            "dyke",
            "admin",
            ("Quản lý đê điều, phòng chống thiên tai, thủy lợi nội đồng",),
        ),
        L(
            "high_school_teacher",
            ("V.07.05.15", "V.07.05.14", "V.07.05.13"),
            "Giáo viên trung học phổ thông",
            "school",
            "school",
            ("Giảng dạy môn chuyên ngành lớp 10, 11, 12", "Giảng dạy và làm công tác chủ nhiệm lớp"),
            national_position="PL2-069",
        ),
        L(
            "secondary_teacher",
            ("V.07.04.32", "V.07.04.31", "V.07.04.30"),
            "Giáo viên trung học cơ sở",
            "school",
            "school",
            ("Giảng dạy môn chuyên ngành lớp 6 đến lớp 9", "Giảng dạy và làm công tác chủ nhiệm lớp"),
            legacy={"V.07.04.32": "V.07.04.12", "V.07.04.31": "V.07.04.11", "V.07.04.30": "V.07.04.10"},
            national_position="PL2-068",
        ),
        L(
            "primary_teacher",
            ("V.07.03.29", "V.07.03.28", "V.07.03.27"),
            "Giáo viên tiểu học",
            "primary",
            "school",
            ("Giảng dạy và chủ nhiệm lớp tiểu học",),
            legacy={"V.07.03.29": "V.07.03.08", "V.07.03.28": "V.07.03.07"},
            national_position="PL2-067",
        ),
        L(
            "preschool_teacher",
            ("V.07.02.26", "V.07.02.25", "V.07.02.24"),
            "Giáo viên mầm non",
            "preschool",
            "school",
            ("Chăm sóc, nuôi dưỡng và giáo dục trẻ mầm non",),
            legacy={"V.07.02.26": "V.07.02.05", "V.07.02.25": "V.07.02.04"},
            national_position="PL2-066",
            degree_years=3,
        ),
        L(
            "lecturer",
            ("V.07.01.03", "V.07.01.02", "V.07.01.01"),
            "Giảng viên",
            "college",
            "school",
            ("Giảng dạy, nghiên cứu khoa học", "Giảng dạy và hướng dẫn thực tập"),
            national_position="PL2-075",
        ),
        L(
            "doctor",
            ("V.08.01.03", "V.08.01.02", "V.08.01.01"),
            "Bác sĩ",
            "doctor",
            "health",
            ("Khám bệnh, chữa bệnh nội trú và ngoại trú", "Khám, điều trị và thực hiện thủ thuật chuyên khoa"),
            national_position="PL2-081",
            degree_years=6,
        ),
        L(
            "nurse",
            ("V.08.05.13", "V.08.05.12", "V.08.05.11"),
            "Điều dưỡng",
            "nurse",
            "health",
            ("Chăm sóc người bệnh, thực hiện y lệnh", "Chăm sóc, theo dõi người bệnh tại khoa"),
            national_position="PL2-086",
            degree_years=2,
        ),
        L(
            "graduate_nurse",
            ("V.08.05.12", "V.08.05.11"),
            "Điều dưỡng",
            "nurse",
            "health",
            ("Chăm sóc người bệnh, thực hiện y lệnh", "Điều dưỡng hành chính khoa"),
            national_position="PL2-086",
        ),
        L(
            "midwife",
            ("V.08.06.16", "V.08.06.15", "V.08.06.14"),
            "Hộ sinh",
            "midwife",
            "health",
            ("Chăm sóc sản phụ và trẻ sơ sinh",),
            national_position="PL2-087",
            degree_years=2,
        ),
        L(
            "lab_technician",
            ("V.08.07.19", "V.08.07.18", "V.08.07.17"),
            "Kỹ thuật y",
            "lab",
            "health",
            ("Thực hiện xét nghiệm, chẩn đoán hình ảnh",),
            national_position="PL2-088",
            degree_years=2,
        ),
        L(
            "pharmacist",
            ("V.08.08.22", "V.08.08.21", "V.08.08.20"),
            "Dược sĩ",
            "pharmacy",
            "health",
            ("Cấp phát, quản lý thuốc và vật tư y tế", "Dược lâm sàng"),
            national_position="PL2-084",
            degree_years=5,
        ),
        L(
            "pharmacy_technician",
            ("V.08.08.23", "V.08.08.22"),
            "Dược",
            "pharmacy",
            "health",
            ("Cấp phát thuốc tại nhà thuốc bệnh viện",),
            national_position="PL2-084",
            degree_years=2,
        ),
        L(
            "assistant_physician",
            ("V.08.03.07",),
            "Y sĩ",
            "doctor",
            "health",
            ("Khám, sơ cứu ban đầu và chăm sóc sức khỏe",),
            national_position="PL2-083",
            degree_years=2,
        ),
        L(
            "preventive_doctor",
            ("V.08.02.06", "V.08.02.05", "V.08.02.04"),
            "Bác sĩ y học dự phòng",
            "doctor",
            "health",
            ("Giám sát, phòng chống dịch bệnh truyền nhiễm",),
            national_position="PL2-082",
            degree_years=6,
        ),
        L(
            "public_health",
            ("V.08.04.10", "V.08.04.09", "V.08.04.08"),
            "Y tế công cộng",
            "public_health",
            "health",
            ("Truyền thông, giáo dục sức khỏe cộng đồng",),
            national_position="PL2-085",
        ),
        L(
            "population",
            ("V.08.10.28", "V.08.10.27"),
            "Dân số viên",
            "public_health",
            "health",
            ("Quản lý, theo dõi công tác dân số",),
            national_position="PL2-096",
        ),
    )
}


@dataclass(frozen=True)
class Profile:
    """What the staff of a kind of unit look like."""

    key: str
    staff_kinds: dict[str, float]
    ladders: dict[str, float]
    female_share: float
    allowance: str  # "civil" (public-service allowance), "teacher", "health" or ""
    occupational_percent: int = 0


PROFILES: dict[str, Profile] = {
    profile.key: profile
    for profile in (
        Profile(
            "admin",
            {"CONG_CHUC": 88, "NGUOI_LAO_DONG": 9, "HD_NHIEM_VU_CONG_CHUC": 3},
            {"specialist": 70, "officer": 6, "accountant": 10, "clerk": 6, "junior_clerk": 2, "staff": 3},
            0.47,
            "civil",
        ),
        Profile(
            "finance",
            {"CONG_CHUC": 90, "NGUOI_LAO_DONG": 8, "HD_NHIEM_VU_CONG_CHUC": 2},
            {"accountant": 45, "specialist": 45, "clerk": 6, "officer": 4},
            0.56,
            "civil",
        ),
        Profile(
            "inspection",
            {"CONG_CHUC": 92, "NGUOI_LAO_DONG": 8},
            {"inspector": 80, "specialist": 12, "accountant": 4, "clerk": 4},
            0.35,
            "civil",
        ),
        Profile(
            "plant",
            {"CONG_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {"plant_quarantine": 55, "specialist": 35, "accountant": 10},
            0.32,
            "civil",
        ),
        Profile(
            "animal",
            {"CONG_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {"animal_quarantine": 55, "specialist": 35, "accountant": 10},
            0.32,
            "civil",
        ),
        Profile(
            "forest",
            {"CONG_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {"ranger": 70, "specialist": 22, "accountant": 8},
            0.18,
            "civil",
        ),
        Profile(
            "dyke",
            {"CONG_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {"dyke": 60, "specialist": 30, "accountant": 10},
            0.25,
            "civil",
        ),
        Profile(
            "commune",
            {"CONG_CHUC": 80, "CAN_BO": 8, "NGUOI_LAO_DONG": 10, "HD_NHIEM_VU_CONG_CHUC": 2},
            {"specialist": 80, "officer": 8, "accountant": 8, "clerk": 4},
            0.42,
            "civil",
        ),
        Profile(
            "centre",
            {"VIEN_CHUC": 86, "NGUOI_LAO_DONG": 14},
            {"specialist": 60, "accountant": 15, "junior_clerk": 10, "officer": 15},
            0.5,
            "",
        ),
        Profile(
            "cdc",
            {"VIEN_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {
                "preventive_doctor": 25,
                "public_health": 20,
                "population": 15,
                "graduate_nurse": 15,
                "lab_technician": 10,
                "accountant": 8,
                "specialist": 7,
            },
            0.6,
            "health",
            30,
        ),
        Profile(
            "hospital",
            {"VIEN_CHUC": 88, "NGUOI_LAO_DONG": 12},
            {
                "doctor": 28,
                "nurse": 12,
                "graduate_nurse": 22,
                "midwife": 6,
                "lab_technician": 8,
                "pharmacist": 5,
                "pharmacy_technician": 4,
                "assistant_physician": 3,
                "accountant": 5,
                "specialist": 4,
                "junior_clerk": 3,
            },
            0.65,
            "health",
            40,
        ),
        Profile(
            "high_school",
            {"VIEN_CHUC": 92, "NGUOI_LAO_DONG": 8},
            {"high_school_teacher": 85, "accountant": 5, "junior_clerk": 4, "specialist": 6},
            0.66,
            "teacher",
            30,
        ),
        Profile(
            "secondary_school",
            {"VIEN_CHUC": 92, "NGUOI_LAO_DONG": 8},
            {"secondary_teacher": 88, "accountant": 6, "junior_clerk": 6},
            0.7,
            "teacher",
            30,
        ),
        Profile(
            "primary_school",
            {"VIEN_CHUC": 92, "NGUOI_LAO_DONG": 8},
            {"primary_teacher": 88, "accountant": 6, "junior_clerk": 6},
            0.8,
            "teacher",
            35,
        ),
        Profile(
            "preschool",
            {"VIEN_CHUC": 90, "NGUOI_LAO_DONG": 10},
            {"preschool_teacher": 90, "accountant": 5, "junior_clerk": 5},
            0.97,
            "teacher",
            35,
        ),
        Profile(
            "college",
            {"VIEN_CHUC": 90, "NGUOI_LAO_DONG": 10},
            {"lecturer": 75, "specialist": 15, "accountant": 10},
            0.55,
            "teacher",
            25,
        ),
        Profile(
            "association",
            {"HOI": 80, "NGUOI_LAO_DONG": 20},
            {"specialist": 70, "officer": 15, "accountant": 15},
            0.55,
            "",
        ),
    )
}

# Leaders of a unit, in order: (position, leadership-allowance coefficient, ladder rung reached).
# The rung is the index in the ladder (1 = second rank, e.g. Chuyên viên chính).
Leader = tuple[str, str, int]
LEADERS: dict[str, tuple[Leader, ...]] = {
    "PROVINCIAL_COMMITTEE": (
        ("Chủ tịch Ủy ban nhân dân tỉnh", "1.25", 2),
        ("Phó Chủ tịch Ủy ban nhân dân tỉnh", "1.05", 2),
        ("Phó Chủ tịch Ủy ban nhân dân tỉnh", "1.05", 2),
    ),
    "DEPARTMENT": (
        ("Giám đốc Sở", "0.90", 2),
        ("Phó Giám đốc Sở", "0.70", 1),
        ("Phó Giám đốc Sở", "0.70", 1),
    ),
    "DEPARTMENT_EQUIVALENT": (("Thủ trưởng cơ quan", "0.90", 2), ("Phó Thủ trưởng cơ quan", "0.70", 1)),
    "INTERNAL_SECTION": (("Trưởng phòng", "0.40", 1), ("Phó Trưởng phòng", "0.30", 1)),
    "SUB_DEPARTMENT": (("Chi cục trưởng", "0.70", 1), ("Phó Chi cục trưởng", "0.50", 1)),
    "CENTRE": (("Giám đốc Trung tâm", "0.60", 1), ("Phó Giám đốc Trung tâm", "0.40", 1)),
    "PUBLIC_SERVICE_UNIT": (("Giám đốc", "0.60", 1), ("Phó Giám đốc", "0.40", 1)),
    "COMMUNE_COMMITTEE": (
        ("Chủ tịch Ủy ban nhân dân", "0.60", 1),
        ("Phó Chủ tịch Ủy ban nhân dân", "0.50", 1),
        ("Phó Chủ tịch Ủy ban nhân dân", "0.50", 1),
    ),
    "ASSOCIATION": (("Chủ tịch Hội", "0.50", 1), ("Phó Chủ tịch Hội", "0.40", 1)),
}
# Leaders named after the unit where the generic title reads wrong.
LEADERS_BY_PROFILE: dict[str, tuple[Leader, ...]] = {
    "hospital": (
        ("Giám đốc Bệnh viện", "0.80", 2),
        ("Phó Giám đốc Bệnh viện", "0.60", 1),
        ("Trưởng khoa", "0.50", 1),
        ("Trưởng khoa", "0.50", 1),
        ("Điều dưỡng trưởng", "0.30", 1),
    ),
    "high_school": (("Hiệu trưởng", "0.55", 1), ("Phó Hiệu trưởng", "0.45", 1), ("Tổ trưởng chuyên môn", "0.20", 1)),
    "secondary_school": (("Hiệu trưởng", "0.45", 1), ("Phó Hiệu trưởng", "0.35", 1)),
    "primary_school": (("Hiệu trưởng", "0.45", 1), ("Phó Hiệu trưởng", "0.35", 1)),
    "preschool": (("Hiệu trưởng", "0.40", 1), ("Phó Hiệu trưởng", "0.30", 1)),
    "college": (("Hiệu trưởng", "0.70", 2), ("Phó Hiệu trưởng", "0.60", 1), ("Trưởng khoa", "0.45", 1)),
}
SECTION_HEADS_OF_OFFICES = (("Chánh Văn phòng", "0.40", 1), ("Phó Chánh Văn phòng", "0.30", 1))

# Contract workers (người lao động): (job title, duties, pay by the salary table?).
CONTRACT_JOBS: tuple[tuple[str, str, bool], ...] = (
    ("Lái xe", "Lái xe phục vụ công tác của cơ quan", True),
    ("Bảo vệ", "Bảo vệ cơ quan, trực đêm", True),
    ("Nhân viên phục vụ", "Tạp vụ, vệ sinh, phục vụ hội họp", True),
    ("Nhân viên kỹ thuật", "Vận hành, bảo trì hệ thống điện, nước và thiết bị", True),
    ("Nhân viên hỗ trợ", "Hỗ trợ nhập liệu, số hóa hồ sơ", False),
)
CONTRACT_JOBS_BY_PROFILE: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "hospital": (("Hộ lý", "Vệ sinh buồng bệnh, hỗ trợ chăm sóc người bệnh", True),),
    "high_school": (("Nhân viên thư viện", "Quản lý thư viện trường", True),),
    "primary_school": (("Cấp dưỡng", "Nấu ăn bán trú cho học sinh", True),),
    "preschool": (("Cấp dưỡng", "Nấu ăn cho trẻ", True), ("Bảo mẫu", "Hỗ trợ chăm sóc trẻ", False)),
}
CONTRACT_RANK = "01.005"  # Nhân viên, group B of Bảng 2: the table contract workers are paid on
CONTRACTOR_RANK = "01.003"  # contracts to perform civil-servant duties (NĐ 173/2025/NĐ-CP)

# Professional levels of public employees from 01/07/2026 by salary group (NĐ 232/2026, Art. 7).
PROFESSIONAL_LEVEL_START = datetime.date(2026, 7, 1)
PROFESSIONAL_LEVEL_BY_GROUP = {
    "B": "1",
    "A0": "2",
    "A1": "3",
    "A2.1": "4",
    "A2.2": "4",
    "A3.1": "5",
    "A3.2": "5",
}
