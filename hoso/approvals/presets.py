"""The seed provinces' tables of who approves whom (REQUIREMENTS REQ-050, REQ-051), as data.

`manage.py load_approval_rules --preset <name>` writes one of them into `ApprovalRule`; the administrator edits
the rows afterwards in the administration site. Each rule: the conditions (kinds of staff by catalog code, kinds
of employing unit, a management list) and where the approval goes. "fixed_unit": "home_affairs" is the Department
of Home Affairs (setting HOSO_HOME_AFFAIRS_UNIT).
"""

from typing import Any

from hoso.approvals.enums import ApproverTarget as T
from hoso.approvals.enums import ManagementList
from hoso.organisations.enums import OrgUnitKind as K

PUBLIC_EMPLOYEES = ["VIEN_CHUC", "NGUOI_LAO_DONG"]
DISTRICT_AND_COMMUNE = [K.DISTRICT_COMMITTEE, K.DISTRICT_DIVISION, K.COMMUNE_COMMITTEE]

PRESETS: dict[str, list[dict[str, Any]]] = {
    # QĐ An Giang (001), Art. 6.2.a–đ: each level approves its own staff, subordinate units excluded.
    "an_giang": [
        {
            "name": "Thủ trưởng đơn vị sự nghiệp công lập phê duyệt viên chức, người lao động của đơn vị",
            "staff_kinds": PUBLIC_EMPLOYEES,
            "unit_kinds": [K.PUBLIC_SERVICE_UNIT],
            "target": T.OWN_UNIT,
            "basis": "An Giang, Điều 6.2.d",
        },
        {
            "name": "Chủ tịch UBND cấp xã phê duyệt cán bộ, công chức cấp xã",
            "unit_kinds": [K.COMMUNE_COMMITTEE],
            "target": T.OWN_UNIT,
            "basis": "An Giang, Điều 6.2.đ",
        },
        {
            "name": "Thủ trưởng cơ quan phê duyệt cán bộ, công chức, người lao động của chính cơ quan "
            "(không bao gồm cơ quan, đơn vị trực thuộc)",
            "target": T.OWN_UNIT,
            "basis": "An Giang, Điều 6.2.a–c",
        },
    ],
    # QĐ Đồng Tháp (003), Art. 11.1–11.5.
    "dong_thap": [
        {
            "name": "Giám đốc Sở Nội vụ phê duyệt cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý",
            "management_list": ManagementList.PROVINCIAL_STANDING_COMMITTEE,
            "target": T.FIXED_UNIT,
            "fixed_unit": "home_affairs",
            "basis": "Đồng Tháp, Điều 11.5",
        },
        {
            "name": "Chủ tịch UBND cấp huyện phê duyệt toàn bộ cán bộ, công chức, viên chức trên địa bàn huyện",
            "unit_kinds": DISTRICT_AND_COMMUNE,
            "target": T.NEAREST_ANCESTOR,
            "target_unit_kinds": [K.DISTRICT_COMMITTEE],
            "basis": "Đồng Tháp, Điều 11.3–11.4",
        },
        {
            "name": "Người đứng đầu đơn vị sự nghiệp phê duyệt viên chức, người lao động của đơn vị",
            "staff_kinds": PUBLIC_EMPLOYEES,
            "unit_kinds": [K.PUBLIC_SERVICE_UNIT],
            "target": T.OWN_UNIT,
            "basis": "Đồng Tháp, Điều 11.2",
        },
        {
            "name": "Thủ trưởng sở, ban, ngành tỉnh phê duyệt cán bộ, công chức, viên chức của ngành",
            "target": T.ANY_ANCESTOR,
            "basis": "Đồng Tháp, Điều 11.1",
        },
    ],
    # QĐ Kon Tum (004), Art. 8.1.a–b: own and subordinate units' staff; the district chair for the district.
    "kon_tum": [
        {
            "name": "Chủ tịch UBND cấp huyện phê duyệt hồ sơ của huyện và đơn vị trực thuộc",
            "unit_kinds": DISTRICT_AND_COMMUNE,
            "target": T.NEAREST_ANCESTOR,
            "target_unit_kinds": [K.DISTRICT_COMMITTEE],
            "basis": "Kon Tum, Điều 8.1.b",
        },
        {
            "name": "Thủ trưởng cơ quan, đơn vị phê duyệt hồ sơ của cơ quan và các đơn vị trực thuộc",
            "target": T.ANY_ANCESTOR,
            "basis": "Kon Tum, Điều 8.1.a",
        },
    ],
    # QĐ Tiền Giang (000), Art. 6 and Lào Cai (002), Art. 7.2: "the competent person of each agency".
    "tien_giang": [
        {
            "name": "Người có thẩm quyền của từng cơ quan, đơn vị phê duyệt hồ sơ của cơ quan, đơn vị mình",
            "target": T.OWN_UNIT,
            "basis": "Tiền Giang, Điều 6",
        },
    ],
    "lao_cai": [
        {
            "name": "Người có thẩm quyền của từng cơ quan, đơn vị phê duyệt hồ sơ của cơ quan, đơn vị mình",
            "target": T.OWN_UNIT,
            "basis": "Lào Cai, Điều 7.2",
        },
    ],
}
