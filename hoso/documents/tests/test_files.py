"""The content decides what a file is: PDF, JPEG or PNG, parsed for real; the name and declared type must agree."""

import pytest

from hoso.documents.files import UploadRefused, check_upload
from hoso.documents.tests.factories import jpeg_bytes, pdf_bytes, png_bytes, upload_file


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("quyet-dinh.pdf", pdf_bytes(), "application/pdf"),
        ("bang-khen.png", png_bytes(), "image/png"),
        ("van-bang.jpg", jpeg_bytes(), "image/jpeg"),
        ("VAN-BANG.JPEG", jpeg_bytes(), "image/jpeg"),
        ("khong-duoi", pdf_bytes(), "application/pdf"),  # no extension: the content decides
    ],
)
def test_pdf_jpeg_and_png_are_accepted_by_their_content(name, content, kind):
    checked = check_upload(upload_file(name, content))
    assert checked.content_type == kind
    assert checked.content == content
    assert checked.size == len(content)


def refusal(upload) -> str:
    with pytest.raises(UploadRefused) as caught:
        check_upload(upload)
    return caught.value.message


def test_another_kind_of_file_is_refused():
    assert refusal(upload_file("to-trinh.docx", b"PK\x03\x04 a word document")) == ("Chỉ nhận tệp PDF, JPEG hoặc PNG.")
    assert "PDF, JPEG" in refusal(upload_file("ghi-chu.txt", b"just text", "text/plain"))


def test_a_name_that_disagrees_with_the_content_is_mislabelled():
    assert "ghi nhãn sai" in refusal(upload_file("quyet-dinh.pdf", png_bytes()))
    assert "ghi nhãn sai" in refusal(upload_file("anh.png", jpeg_bytes()))
    assert "ghi nhãn sai" in refusal(upload_file("quyet-dinh.exe", pdf_bytes()))


def test_a_declared_type_that_disagrees_with_the_content_is_mislabelled():
    assert "ghi nhãn sai" in refusal(upload_file("quyet-dinh.pdf", pdf_bytes(), content_type="image/png"))
    assert "ghi nhãn sai" in refusal(upload_file("quyet-dinh.pdf", pdf_bytes(), content_type="text/html"))
    # an unspecific declared type says nothing and is fine
    assert check_upload(upload_file("quyet-dinh.pdf", pdf_bytes(), "application/octet-stream")).size > 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hong.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n"),  # a header and nothing else
        ("hong.pdf", pdf_bytes()[:-200] + b"%%EOF"),  # the cross-reference table cut off
        ("hong.pdf", pdf_bytes().replace(b"startxref\n", b"startxref\n9")),  # points past the end
        ("hong.png", png_bytes()[:60]),  # truncated image data
        ("hong.jpg", jpeg_bytes()[:200]),
    ],
)
def test_a_corrupt_file_is_refused(name, content):
    assert "bị hỏng" in refusal(upload_file(name, content))


def test_an_empty_file_is_refused():
    assert refusal(upload_file("rong.pdf", b"")) == "Tệp rỗng."


def test_a_file_over_the_limit_is_refused(settings):
    settings.HOSO_UPLOAD_MAX_BYTES = 1024 * 1024
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024)
    assert refusal(upload_file("lon.pdf", big)) == "Tệp lớn hơn 1 MB."
