from django.contrib import admin

from .models import PlanningCalendar


@admin.register(PlanningCalendar)
class PlanningCalendarAdmin(admin.ModelAdmin[PlanningCalendar]):
    list_display = ["organisation", "plan_due_day", "plan_due_month"]
    autocomplete_fields = ["organisation"]
