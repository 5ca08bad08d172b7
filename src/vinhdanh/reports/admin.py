from django.contrib import admin

from .models import RewardFund, TdktOfficer, TdktOrganisation


@admin.register(TdktOrganisation)
class TdktOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "active_from", "active_to"]
    list_filter = ["kind"]
    raw_id_fields = ["unit"]


@admin.register(TdktOfficer)
class TdktOfficerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "date_of_birth", "training", "tdkt_since", "unit"]
    list_filter = ["gender", "training"]
    raw_id_fields = ["unit", "organisation"]


@admin.register(RewardFund)
class RewardFundAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "amount"]
    raw_id_fields = ["unit"]
