"""Forms of hoso.signing: the shape of a credential to register (the service checks the certificate itself)."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_PKCS12_BYTES = 64 * 1024


class LocalCredentialForm(forms.Form):
    pkcs12 = forms.FileField(label=_("Certificate file (.p12 or .pfx)"))
    passphrase = forms.CharField(label=_("Passphrase of the file"), widget=forms.PasswordInput, strip=False)
    title = forms.CharField(
        label=_("Title shown with the signature"),
        max_length=200,
        required=False,
        help_text=_("e.g. Giám đốc Sở Nội vụ"),
    )

    def clean_pkcs12(self) -> bytes:
        upload = self.cleaned_data["pkcs12"]
        if upload.size > MAX_PKCS12_BYTES:
            raise forms.ValidationError(_("A certificate file is at most 64 KB; this is not one."))
        data: bytes = upload.read()
        if not data:
            raise forms.ValidationError(_("The file is empty."))
        return data


class RemoteCredentialForm(forms.Form):
    remote_account = forms.CharField(label=_("Account at the remote-signing service"), max_length=200)
    certificate_pem = forms.CharField(
        label=_("Certificate (PEM)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."),
    )
    title = forms.CharField(label=_("Title shown with the signature"), max_length=200, required=False)
