from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_person_list_covering_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=[
                    "employing_unit",
                    "staff_kind",
                    "rank",
                    "ethnicity",
                    "highest_qualification",
                    "gender",
                    "date_of_birth",
                    "job_position",
                ],
                name="person_statistics_idx",
            ),
        ),
    ]
