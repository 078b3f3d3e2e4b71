from django.urls import reverse


def test_home_lists_districts(client, district):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert district.name in response.content.decode()


def test_district_page_shows_plan_goal_and_project(client, project):
    goal = project.goals.get()
    response = client.get(project.district.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert goal.plan.title in body and goal.title in body and project.title in body
