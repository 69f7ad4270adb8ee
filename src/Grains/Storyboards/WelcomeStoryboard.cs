namespace Framecast.Grains.Storyboards;

/// <summary>
/// <c>WELCOME_SPEC</c> (spec 06 §1.7, 01 §4.2): the spec of the "Welcome to Framecast" project every new Creator's
/// first team gets. The structure and values are the contract; the prompt wording is product copy.
/// </summary>
public static class WelcomeStoryboard
{
    public const string ProjectName = "Welcome to Framecast";

    public const string Json = """
        {
          "title": "Welcome to Framecast",
          "global_prompt": {
            "positive": "cinematic, first-person POV, warm lighting, celebratory atmosphere, high quality",
            "negative": "blurry, distorted, low quality, dark, empty"
          },
          "global_audio": {
            "ambient": { "asset_id": "asset_ambient_theater", "volume": 0.2 }
          },
          "symbols": {
            "crowd": {
              "prompt": "a cheering, clapping, diverse and friendly audience in colourful clothes",
              "negative": "hostile, empty, sad"
            },
            "stage": {
              "prompt": "a grand theatre stage: red curtains, spotlights, polished wooden floor",
              "negative": "dirty, broken, abandoned"
            }
          },
          "scenes": [
            {
              "id": "entrance",
              "prompt": "first-person walk down a backstage corridor toward bright stage lights, building anticipation, muffled sound of @crowd ahead, dramatic shadows",
              "duration": 5,
              "audio": {
                "sfx": [ { "asset_id": "asset_sfx_footsteps", "trigger": "walking", "volume": 0.6 } ],
                "music": { "asset_id": "asset_music_anticipation", "volume": 0.4, "fade_in": 1.0 }
              }
            },
            {
              "id": "welcome",
              "prompt": "first-person step onto @stage, brief spotlight glare, then @crowd standing, loud applause, confetti falling, celebratory warmth",
              "duration": 5,
              "audio": {
                "sfx": [
                  { "asset_id": "asset_sfx_applause", "start": 0.5, "volume": 0.8 },
                  { "asset_id": "asset_sfx_confetti", "start": 2.0, "volume": 0.4 }
                ],
                "music": { "asset_id": "asset_music_triumphant", "volume": 0.7, "fade_in": 0.5 }
              }
            }
          ],
          "transitions": {
            "default": "cut",
            "entrance->welcome": {
              "type": "fade",
              "duration": 0.5,
              "audio": { "asset_id": "asset_transition_swoosh", "volume": 0.5 }
            }
          },
          "timeline": null
        }
        """;
}
